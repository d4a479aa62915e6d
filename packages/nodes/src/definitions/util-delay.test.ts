import { describe, expect, it } from 'vitest'
import { createTestContext, runNode } from './test-context.ts'
import { utilDelay } from './util-delay.ts'

describe('util.delay', () => {
  it('waits on the context clock, then passes the incoming value on', async () => {
    const ctx = createTestContext()
    const out = await runNode(utilDelay, { ms: 2500 }, { inputs: { in: { id: 1 } } }, ctx)
    expect(ctx.sleeps).toEqual([2500])
    expect(out).toEqual({ waitedMs: 2500, value: { id: 1 } })
  })

  it('stops waiting when the run is cancelled', async () => {
    const controller = new AbortController()
    const ctx = createTestContext({ signal: controller.signal })
    controller.abort(new Error('cancelled'))
    await expect(runNode(utilDelay, { ms: 1000 }, { inputs: {} }, ctx)).rejects.toThrow('cancelled')
  })

  it('allows waits from 0 up to one hour and a node timeout longer than that', () => {
    expect(utilDelay.config.safeParse({ ms: 3_600_000 }).success).toBe(true)
    expect(utilDelay.config.safeParse({ ms: 3_600_001 }).success).toBe(false)
    expect(utilDelay.config.safeParse({ ms: -1 }).success).toBe(false)
    expect(utilDelay.timeoutMs).toBeGreaterThan(3_600_000)
  })
})
