import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type RunEvent, runFlow, validateFlow } from '@zhiliu/engine'
import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCliModelGateway } from './cli-model-gateway.ts'

const root = resolve(import.meta.dirname, '../../..')
const example = validateFlow(JSON.parse(readFileSync(join(root, 'examples/ai-summarize.json'), 'utf8')))
if (!example.ok) throw new Error('examples/ai-summarize.json must be valid')
const flow = example.flow

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const env = () => ({
  OPENAI_BASE_URL: `${fake.url}/`,
  OPENAI_API_KEY: 'sk-fake-key',
  ZHILIU_DEFAULT_MODEL: 'deepseek-reasoner',
})

describe('a run with the CLI model gateway', () => {
  it('streams tokens into node.chunk events as they arrive, reasoning on its own channel, before the node finishes', async () => {
    fake.script({ reasoning: '先找主题', content: '杭州办了马拉松。' })
    const events: RunEvent[] = []
    const models = createCliModelGateway({ demo: false, env: env(), note: () => {} })
    const result = await runFlow({
      flow,
      event: { body: { text: '杭州今天举行了首届城市马拉松。' } },
      services: { models },
      onEvent: (e) => events.push(e),
    })
    expect(result.status).toBe('succeeded')
    const chunks = events.flatMap((e) => (e.type === 'node.chunk' ? [e] : []))
    expect(chunks.every((c) => c.nodeId === 'summarize')).toBe(true)
    expect(chunks.map((c) => `${c.chunk.channel}:${c.chunk.text}`)).toEqual([
      'reasoning:先找主题',
      'text:杭州办了',
      'text:马拉松。',
    ])
    const finished = events.findIndex((e) => e.type === 'node.finished' && e.result.nodeId === 'summarize')
    const lastChunk = events.findLastIndex((e) => e.type === 'node.chunk')
    expect(finished).toBeGreaterThan(lastChunk)
    expect(result.output).toMatchObject({ body: { summary: '杭州办了马拉松。', model: 'deepseek-reasoner' } })
    expect(models.usage().calls).toBe(1)
  })

  it('notes the demo model once, however many AI nodes run', async () => {
    const notes: string[] = []
    const models = createCliModelGateway({
      demo: true,
      env: env(),
      note: (t) => notes.push(t),
      demoChunkDelayMs: 0,
    })
    for (let i = 0; i < 2; i++) {
      const result = await runFlow({ flow, event: { body: { text: `第${i}篇。` } }, services: { models } })
      expect(result.status).toBe('succeeded')
    }
    expect(notes).toHaveLength(1)
    expect(fake.requests).toEqual([])
  })
})

describe('the demo pace', () => {
  it('refuses a ZHILIU_DEMO_PACE_MS that is not whole milliseconds from 0 to 2000, naming the variable', () => {
    for (const value of ['fast', '-5', '2.5', '5000']) {
      expect(() =>
        createCliModelGateway({ demo: true, env: { ZHILIU_DEMO_PACE_MS: value }, note: () => {} }),
      ).toThrow(`ZHILIU_DEMO_PACE_MS must be whole milliseconds from 0 to 2000, not "${value}"`)
    }
    expect(() =>
      createCliModelGateway({ demo: true, env: { ZHILIU_DEMO_PACE_MS: '60' }, note: () => {} }),
    ).not.toThrow()
  })
})
