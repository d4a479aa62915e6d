import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isRouted, outputPorts } from '../define-node.ts'
import { aiClassify } from './ai-classify.ts'
import type { TestContext } from './test-context.ts'
import { runNode } from './test-context.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const categories = [
  { id: 'sports', label: '体育', description: '比赛、运动员、赛事' },
  { id: 'finance', label: '财经', description: '股票、银行、经济数据' },
  { id: 'other', label: '', description: '' },
]

async function classify(text: string, ctx: TestContext) {
  const out = await runNode(aiClassify, { text, categories }, { inputs: {} }, ctx)
  if (!isRouted(out)) throw new Error('ai.classify must route')
  return out
}

type Sent = { messages: { role: string; content: string }[]; response_format: { type: string } }

describe('ai.classify', () => {
  it('has one output port per category, labelled by name or id', () => {
    const ports = outputPorts(aiClassify, aiClassify.config.parse({ categories }))
    expect(ports.map((p) => [p.name, p.label['zh-CN']])).toEqual([
      ['sports', '体育'],
      ['finance', '财经'],
      ['other', 'other'],
    ])
  })

  it('routes down the branch the model chose, with its label and reason', async () => {
    fake.script({ content: '{"category":"finance","reason":"讲的是股市。"}' })
    const out = await classify('A股今天大涨。', contextWith(fake))
    expect(out.ports).toEqual(['finance'])
    expect(out.output).toMatchObject({
      category: 'finance',
      label: '财经',
      reason: '讲的是股市。',
      provider: 'deepseek',
    })
    const sent = fake.bodyOf(0) as Sent
    expect(sent.messages[0]?.content).toContain('sports: 体育，比赛、运动员、赛事')
    expect(sent.messages.at(-1)).toEqual({ role: 'user', content: 'A股今天大涨。' })
  })

  it('constrains the answer to the category ids: anything else is repaired, then refused', async () => {
    fake.script(
      { content: '{"category":"weather","reason":"?"}' },
      { content: '{"category":"sports","reason":"球赛"}' },
    )
    const out = await classify('男篮夺冠', contextWith(fake, 'openai'))
    expect(out.ports).toEqual(['sports'])
    const schema = (
      fake.bodyOf(0) as {
        response_format: { json_schema: { schema: { properties: { category: { enum: string[] } } } } }
      }
    ).response_format.json_schema.schema
    expect(schema.properties.category.enum).toEqual(['sports', 'finance', 'other'])
  })

  it('classifies offline on the demo model by the category descriptions', async () => {
    expect((await classify('昨晚的比赛里，运动员发挥出色。', demoContext())).ports).toEqual(['sports'])
    expect((await classify('银行下调了存款利率，股票随之上涨。', demoContext())).ports).toEqual(['finance'])
  })

  it('refuses fewer than two categories, repeated ids and the reserved error port', () => {
    const ok = (ids: string[]) =>
      aiClassify.config.safeParse({ text: 'x', categories: ids.map((id) => ({ id })) }).success
    expect(ok(['a', 'b'])).toBe(true)
    expect(ok(['a'])).toBe(false)
    expect(ok(['a', 'a'])).toBe(false)
    expect(ok(['a', 'error'])).toBe(false)
    expect(ok(['a', 'b c'])).toBe(false)
  })
})
