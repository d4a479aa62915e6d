import { describe, expect, it } from 'vitest'
import { createTestContext, nodeError, runNode } from './test-context.ts'
import { triggerManual } from './trigger-manual.ts'

const inputSchema = [
  { name: 'title', type: 'string', required: true },
  { name: 'score', type: 'number' },
  { name: 'tags', type: 'array' },
]

describe('trigger.manual', () => {
  it('outputs the test input as body, keeping undeclared fields, with the event details filled in', async () => {
    const out = await runNode(
      triggerManual,
      { inputSchema },
      { inputs: {}, event: { body: { title: 'Hi', extra: 1 } } },
    )
    expect(out).toEqual({
      body: { title: 'Hi', extra: 1 },
      headers: {},
      query: {},
      method: '',
      firedAt: '2025-01-02T03:04:05.000Z',
    })
  })

  it('names every missing or mistyped field at once', async () => {
    const err = await nodeError(
      runNode(triggerManual, { inputSchema }, { inputs: {}, event: { body: { score: 'high', tags: [] } } }),
    )
    expect(err.code).toBe('INPUT_INVALID')
    expect(err.retryable).toBe(false)
    expect(err.details).toEqual([
      { path: 'body.title', message: 'this field is required' },
      { path: 'body.score', message: expect.stringContaining('expected number') },
    ])
    expect(err.message).toContain('body.title')
  })

  it('treats a run without input as an empty form', async () => {
    const optional = [{ name: 'note', type: 'string' }]
    const out = await runNode(triggerManual, { inputSchema: optional }, { inputs: {}, event: undefined })
    expect(out).toMatchObject({ body: {} })
    await expect(runNode(triggerManual, { inputSchema }, { inputs: {} })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    })
  })

  it('accepts any body when no fields are declared', async () => {
    const out = await runNode(triggerManual, {}, { inputs: {}, event: { body: 'plain text' } })
    expect(out).toMatchObject({ body: 'plain text' })
  })

  it('describes the declared fields in its output schema', () => {
    const schema = triggerManual.outputFor?.(triggerManual.config.parse({ inputSchema }))
    const good = { body: { title: 'x', score: 1 }, headers: {}, query: {}, method: '', firedAt: 'now' }
    expect(schema?.safeParse(good).success).toBe(true)
    expect(schema?.safeParse({ ...good, body: { score: 1 } }).success).toBe(false)
  })

  it('refuses field lists with duplicate or unusable names', () => {
    const twice = [{ name: 'a' }, { name: 'a' }]
    expect(triggerManual.config.safeParse({ inputSchema: twice }).success).toBe(false)
    expect(triggerManual.config.safeParse({ inputSchema: [{ name: 'has space' }] }).success).toBe(false)
  })

  it('uses the clock for firedAt only when the event has none', async () => {
    const ctx = createTestContext({ clock: { now: () => 0, sleep: async () => {} } })
    const out = await runNode(triggerManual, {}, { inputs: {}, event: { body: {}, firedAt: 'given' } }, ctx)
    expect(out).toMatchObject({ firedAt: 'given' })
    expect(await runNode(triggerManual, {}, { inputs: {}, event: { body: {} } }, ctx)).toMatchObject({
      firedAt: '1970-01-01T00:00:00.000Z',
    })
  })
})
