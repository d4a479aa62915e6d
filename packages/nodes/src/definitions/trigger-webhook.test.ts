import { describe, expect, it } from 'vitest'
import { nodeError, runNode } from './test-context.ts'
import { triggerWebhook } from './trigger-webhook.ts'

describe('trigger.webhook', () => {
  it('starts as a synchronous, unsigned, unlimited webhook with a 30 s wait and no declared fields', () => {
    expect(triggerWebhook.config.parse({})).toEqual({
      responseMode: 'sync',
      timeoutMs: 30_000,
      signing: false,
      maxPerMinute: 0,
      inputSchema: [],
    })
  })

  it('takes a whole number of runs per minute from 0 (no limit) to 100,000', () => {
    const ok = (maxPerMinute: unknown) => triggerWebhook.config.safeParse({ maxPerMinute }).success
    expect(ok(0)).toBe(true)
    expect(ok(60)).toBe(true)
    for (const bad of [-1, 1.5, 100_001, '60']) expect(ok(bad)).toBe(false)
  })

  it('accepts only URL-safe custom paths', () => {
    const ok = (path: string) => triggerWebhook.config.safeParse({ path }).success
    expect(ok('news-submit_2')).toBe(true)
    expect(ok('')).toBe(true)
    for (const bad of ['../admin', 'News', 'a b', 'a/b', '-lead', 'x'.repeat(65), '新闻'])
      expect(ok(bad)).toBe(false)
  })

  it('passes the request on as body, headers, query and method', async () => {
    const event = {
      body: { title: '快讯' },
      headers: { 'content-type': 'application/json' },
      query: { source: 'app' },
      method: 'POST',
      firedAt: '2025-03-01T00:00:00.000Z',
    }
    const config = { inputSchema: [{ name: 'title', type: 'string', required: true }] }
    expect(await runNode(triggerWebhook, config, { inputs: {}, event })).toEqual(event)
  })

  it('refuses a request whose body misses a declared field', async () => {
    const config = { inputSchema: [{ name: 'title', type: 'string', required: true }] }
    const err = await nodeError(
      runNode(triggerWebhook, config, { inputs: {}, event: { body: { titel: 'typo' } } }),
    )
    expect(err.code).toBe('INPUT_INVALID')
    expect(err.details).toEqual([{ path: 'body.title', message: 'this field is required' }])
  })

  it('refuses a body that is not an object when fields are declared', async () => {
    const config = { inputSchema: [{ name: 'title', type: 'string' }] }
    const err = await nodeError(runNode(triggerWebhook, config, { inputs: {}, event: { body: [1, 2] } }))
    expect(err.details).toEqual([{ path: 'body', message: expect.stringContaining('expected object') }])
  })
})
