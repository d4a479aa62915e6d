import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { aiStructured } from './ai-structured.ts'
import { nodeError, runNode } from './test-context.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const fields = [
  { name: 'title', type: 'string', description: '标题' },
  { name: 'tags', type: 'string_list', description: '标签' },
  { name: 'score', type: 'integer', description: '质量分 1-5' },
  { name: 'source', type: 'string', description: '来源', required: false },
]

describe('ai.structured', () => {
  it('asks for a strict JSON schema built from the fields and returns the typed object', async () => {
    fake.script({ content: '{"title":"马拉松开跑","tags":["体育","杭州"],"score":4,"source":null}' })
    const out = await runNode(
      aiStructured,
      { prompt: '整理：{{text}}', fields },
      { inputs: {} },
      contextWith(fake, 'openai'),
    )
    expect(out).toMatchObject({
      data: { title: '马拉松开跑', tags: ['体育', '杭州'], score: 4, source: null },
      provider: 'openai',
    })
    const format = (
      fake.bodyOf(0) as { response_format: { json_schema: { schema: Record<string, unknown> } } }
    ).response_format
    expect(format.json_schema.schema).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string', description: '标题' },
        tags: { type: 'array', items: { type: 'string' }, description: '标签' },
        score: { type: 'integer', description: '质量分 1-5' },
        source: { type: ['string', 'null'], description: '来源' },
      },
      required: ['title', 'tags', 'score', 'source'],
      additionalProperties: false,
    })
  })

  it('derives a precise output schema from the fields for the editor and the validator', () => {
    const schema = aiStructured.outputFor?.(aiStructured.config.parse({ fields }))
    const base = { model: 'm', provider: 'p', usage: { promptTokens: 1, completionTokens: 1 } }
    expect(
      schema?.safeParse({ ...base, data: { title: 'a', tags: [], score: 1, source: null } }).success,
    ).toBe(true)
    expect(
      schema?.safeParse({ ...base, data: { title: 'a', tags: [], score: 1.5, source: null } }).success,
    ).toBe(false)
    expect(
      schema?.safeParse({ ...base, data: { title: 'a', tags: [], score: 1, source: null, extra: 1 } })
        .success,
    ).toBe(false)
  })

  it('repairs once through the gateway, then fails naming the problem', async () => {
    fake.script(
      { content: '{"title":"a"}' },
      { content: '{"title":"a","tags":[],"score":"high","source":null}' },
    )
    const err = await nodeError(
      runNode(aiStructured, { prompt: 'x', fields }, { inputs: {} }, contextWith(fake)),
    )
    expect(err.code).toBe('MODEL_OUTPUT_INVALID')
    expect(err.message).toMatch(/score/)
    expect(fake.requests).toHaveLength(2)
  })

  it('refuses duplicate field names and an empty field list', () => {
    const dup = [
      { name: 'a', type: 'string' },
      { name: 'a', type: 'number' },
    ]
    expect(aiStructured.config.safeParse({ prompt: 'x', fields: dup }).success).toBe(false)
    expect(aiStructured.config.safeParse({ prompt: 'x', fields: [] }).success).toBe(false)
  })

  it('gets a schema-shaped answer offline from the demo model', async () => {
    const out = await runNode(
      aiStructured,
      { prompt: '整理：杭州举办马拉松，共 20000 人参加。', fields },
      { inputs: {} },
      demoContext(),
    )
    expect(out).toMatchObject({ provider: 'demo', data: { score: 20000, source: expect.any(String) } })
  })
})
