import type { ChatRequest } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createModelGateway } from './create-model-gateway.ts'
import { demoProvider } from './default-provider.ts'
import { shortVideoStoryboard } from './demo-storyboard-template.ts'

const signal = new AbortController().signal
const noNetwork = () => Promise.reject(new Error('the demo model must not use the network'))
const demo = createModelGateway({
  resolveProvider: demoProvider,
  fetch: noNetwork,
  demo: { chunkDelayMs: 0 },
})

const schema = {
  type: 'object',
  properties: { headlines: { type: 'array', items: { type: 'string' } }, summary: { type: 'string' } },
  required: ['headlines', 'summary'],
  additionalProperties: false,
}
const structured = (demoKey: string | undefined): ChatRequest => ({
  ...(demoKey ? { demoKey } : {}),
  messages: [{ role: 'user', content: '请改写下面的通稿：\n松山湖智能网联公交线路9月1日起试运营。' }],
  responseFormat: { type: 'json_schema', name: 'output', schema },
})

describe("the demo model's answers for the templates", () => {
  it('answers a structured request whose demoKey has a script with that script', async () => {
    const out = await demo.chat(structured('press-release-rewrite'), signal)
    const data = JSON.parse(out.text)
    expect(data.headlines).toHaveLength(3)
    expect(data.headlines[0]).toContain('松山湖')
    // The script also has an article, which this schema does not ask for: the answer keeps to the schema.
    expect(Object.keys(data)).toEqual(['headlines', 'summary'])
    expect(data.summary).toContain('8000人次')
  })

  it('keeps the schema-shaped sample for structured requests without a structured script', async () => {
    for (const key of [undefined, 'summarize', 'no-such-script', 'toString']) {
      const data = JSON.parse((await demo.chat(structured(key), signal)).text)
      expect(Object.keys(data)).toEqual(['headlines', 'summary'])
    }
  })

  it('has a storyboard whose per-shot lists line up, one entry per shot, 45 to 60 seconds in all', () => {
    const { title, coverPrompt, ...lists } = shortVideoStoryboard() as Record<string, string[]>
    expect(title).toBeTruthy()
    expect(coverPrompt).toBeTruthy()
    const shots = lists.visuals?.length ?? 0
    expect(shots).toBeGreaterThanOrEqual(6)
    expect(shots).toBeLessThanOrEqual(8)
    for (const [name, list] of Object.entries(lists)) expect(list, name).toHaveLength(shots)
    const seconds = (lists.durations ?? []).map(Number)
    expect(seconds.every(Number.isInteger)).toBe(true)
    const total = seconds.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(45)
    expect(total).toBeLessThanOrEqual(60)
  })

  it('has a scripted text reply for a complaint and for any other message', async () => {
    const ask = (prompt: string) =>
      demo.chat({ demoKey: 'customer-reply', messages: [{ role: 'user', content: prompt }] }, signal)
    expect((await ask('留言类型：投诉（负面）\n快递一周没到')).text).toMatch(/非常抱歉/)
    expect((await ask('留言类型：咨询（中性）\n几点开门')).text).toMatch(/^您好，感谢您的留言/)
  })
})
