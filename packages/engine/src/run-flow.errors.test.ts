import { type Clock, ExpressionError, NodeError } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import type { RunEvent } from './run-events.ts'
import { runFlow } from './run-flow.ts'
import { type TestNodeSpec, testFlow, testNode, untilAborted, withNodes } from './test-nodes.ts'

/** A clock whose sleeps return at once and are remembered, so back-off is checked without waiting. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => 1_000,
    sleep: async (ms, signal) => {
      sleeps.push(ms)
      signal?.throwIfAborted()
    },
  }
}

/** Fails with the given errors in turn, then returns `{ ok: attempt }`. */
function flaky(errors: Error[]) {
  const attempts: number[] = []
  const def = testNode('test.flaky', async (_, ctx) => {
    attempts.push(ctx.attempt)
    const error = errors[ctx.attempt - 1]
    if (error) throw error
    return { ok: ctx.attempt }
  })
  return { def, attempts }
}

const chain = (middle: TestNodeSpec, after = true) =>
  testFlow(
    [
      { id: 't', type: 'trigger.manual' },
      middle,
      ...(after
        ? [{ id: 'after', type: 'data.set', config: { fields: [{ name: 'saw', value: '{{ nodes.x }}' }] } }]
        : []),
    ],
    ['t -> x', ...(after ? ['x -> after'] : [])],
  )

const blip = () => new NodeError('UPSTREAM_503', 'service unavailable', { retryable: true })

describe('runFlow: failures', () => {
  it('fails a node that never resolves with a timeout, aborting its signal', async () => {
    let signal: AbortSignal | undefined
    const hang = testNode('test.hang', async (_, ctx) => {
      signal = ctx.signal
      return new Promise(() => {}) // ignores its signal on purpose: the timeout must still take effect
    })
    const flow = chain({ id: 'x', type: 'test.hang', settings: { timeoutMs: 20, onError: 'fail' } })
    const result = await runFlow({ flow, event: { body: {} }, definitions: withNodes(hang) })
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'NODE_TIMEOUT', nodeId: 'x' })
    expect(signal?.aborted).toBe(true)
    expect(result.steps.map((s) => s.key)).toEqual(['t', 'x'])
  })

  it('retries retryable errors with exponential back-off and full jitter, on the injected clock', async () => {
    const clock = recordingClock()
    const { def, attempts } = flaky([blip(), blip(), blip()])
    const events: RunEvent[] = []
    const flow = chain({
      id: 'x',
      type: 'test.flaky',
      settings: { retry: { maxAttempts: 4, backoffMs: 100 }, onError: 'fail' },
    })
    const result = await runFlow({
      flow,
      event: { body: {} },
      definitions: withNodes(def),
      services: { clock, random: () => 0.5 },
      onEvent: (e) => events.push(e),
    })
    expect(attempts).toEqual([1, 2, 3, 4])
    expect(clock.sleeps).toEqual([50, 100, 200])
    const retrying = events.filter((e) => e.type === 'node.retrying')
    expect(retrying.map((e) => [e.attempt, e.delayMs, e.error.code])).toEqual([
      [2, 50, 'UPSTREAM_503'],
      [3, 100, 'UPSTREAM_503'],
      [4, 200, 'UPSTREAM_503'],
    ])
    expect(result.steps.find((s) => s.key === 'x')).toMatchObject({ status: 'succeeded', attempts: 4 })
    expect(result.output).toEqual({ saw: { ok: 4 } })
  })

  it('honours a Retry-After the failing service sent before trying again', async () => {
    const clock = recordingClock()
    const limited = new NodeError('MODEL_RATE_LIMITED', 'slow down', { retryable: true, retryAfterMs: 3_000 })
    const { def, attempts } = flaky([limited])
    const flow = chain({
      id: 'x',
      type: 'test.flaky',
      settings: { retry: { maxAttempts: 2, backoffMs: 100 }, onError: 'fail' },
    })
    const result = await runFlow({
      flow,
      event: { body: {} },
      definitions: withNodes(def),
      services: { clock, random: () => 0.5 },
    })
    expect(attempts).toEqual([1, 2])
    expect(clock.sleeps).toEqual([3_000])
    expect(result.status).toBe('succeeded')
  })

  it('gives up after maxAttempts and fails with the last error', async () => {
    const { def, attempts } = flaky([blip(), blip(), blip()])
    const flow = chain({
      id: 'x',
      type: 'test.flaky',
      settings: { retry: { maxAttempts: 2, backoffMs: 0 }, onError: 'fail' },
    })
    const result = await runFlow({ flow, event: { body: {} }, definitions: withNodes(def) })
    expect(attempts).toEqual([1, 2])
    expect(result.error).toMatchObject({ code: 'UPSTREAM_503', nodeId: 'x' })
  })

  it.each([
    ['a non-retryable node error', new NodeError('BAD_REQUEST', 'no such user')],
    ['an expression error', new ExpressionError('EXPRESSION', 'bad syntax')],
    ['a plain exception', new TypeError('x is undefined')],
  ])('does not retry %s', async (_, error) => {
    const { def, attempts } = flaky([error, error])
    const flow = chain({
      id: 'x',
      type: 'test.flaky',
      settings: { retry: { maxAttempts: 3, backoffMs: 0 }, onError: 'fail' },
    })
    const result = await runFlow({ flow, event: { body: {} }, definitions: withNodes(def) })
    expect(attempts).toEqual([1])
    expect(result.status).toBe('failed')
  })

  it('retries a timeout, but not for a node with side effects, which may already have acted', async () => {
    for (const sideEffects of [false, 'keyed'] as const) {
      const calls: number[] = []
      const slowOnce = testNode(
        'test.slow-once',
        async (_, ctx) => {
          calls.push(ctx.attempt)
          if (ctx.attempt === 1) await untilAborted(ctx.signal)
          return { attempt: ctx.attempt }
        },
        { sideEffects },
      )
      const settings = { timeoutMs: 10, retry: { maxAttempts: 2, backoffMs: 0 }, onError: 'fail' as const }
      const flow = chain({ id: 'x', type: 'test.slow-once', settings })
      const result = await runFlow({ flow, event: { body: {} }, definitions: withNodes(slowOnce) })
      expect({ sideEffects, calls, status: result.status }).toEqual({
        sideEffects,
        calls: sideEffects ? [1] : [1, 2],
        status: sideEffects ? 'failed' : 'succeeded',
      })
    }
  })

  it("names in a timed-out attempt's error only the run that attempt started, not an earlier attempt's", async () => {
    // Each attempt hangs past its timeout, ignoring its signal; the first and the third start a run, the second none.
    const hang = testNode('test.hang', async (_, ctx) => {
      if (ctx.attempt !== 2) ctx.linkRun(`child_${ctx.attempt}`)
      return new Promise(() => {})
    })
    const settings = { timeoutMs: 10, retry: { maxAttempts: 3, backoffMs: 0 }, onError: 'fail' as const }
    const events: RunEvent[] = []
    const result = await runFlow({
      flow: chain({ id: 'x', type: 'test.hang', settings }, false),
      event: { body: {} },
      definitions: withNodes(hang),
      onEvent: (e) => events.push(e),
    })
    const retrying = events.flatMap((e) => (e.type === 'node.retrying' ? [e.error.details ?? null] : []))
    expect(retrying).toEqual([{ runId: 'child_1' }, null])
    expect(result.steps.find((s) => s.key === 'x')?.error).toMatchObject({
      code: 'NODE_TIMEOUT',
      details: { runId: 'child_3' },
    })
  })

  it("sends { error } down the error port only when onError is 'errorPort'", async () => {
    const { def } = flaky([new NodeError('NOT_FOUND', 'no such page')])
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'x', type: 'test.flaky', settings: { onError: 'errorPort' } },
        { id: 'ok', type: 'data.set', config: { fields: [{ name: 'path', value: 'ok' }] } },
        {
          id: 'handle',
          type: 'data.set',
          config: { fields: [{ name: 'why', value: '{{ nodes.x.error.code }}' }] },
        },
      ],
      ['t -> x', 'x -> ok', 'x:error -> handle'],
    )
    const result = await runFlow({ flow, event: { body: {} }, definitions: withNodes(def) })
    expect(result.status).toBe('succeeded')
    const x = result.steps.find((s) => s.key === 'x')
    expect(x).toMatchObject({ status: 'failed', ports: ['error'], error: { code: 'NOT_FOUND' } })
    expect(result.steps.find((s) => s.key === 'ok')?.status).toBe('skipped')
    expect(result.output).toEqual({ why: 'NOT_FOUND' })
  })

  it("records the failure but carries on with { error } on the normal ports when onError is 'continue'", async () => {
    const { def } = flaky([new NodeError('NOT_FOUND', 'no such page')])
    const flow = chain({ id: 'x', type: 'test.flaky', settings: { onError: 'continue' } })
    const result = await runFlow({ flow, event: { body: {} }, definitions: withNodes(def) })
    expect(result.status).toBe('succeeded')
    expect(result.steps.find((s) => s.key === 'x')).toMatchObject({ status: 'failed', ports: ['out'] })
    expect(result.output).toEqual({ saw: { error: { code: 'NOT_FOUND', message: 'no such page' } } })
  })

  it('records the failing node and why, cancels running siblings and starts nothing after it', async () => {
    const store = createMemoryRunStore()
    let siblingSignal: AbortSignal | undefined
    const boom = testNode('test.boom', async () => {
      throw new NodeError('QUOTA', 'quota exceeded', { details: { limit: 10 } })
    })
    const slow = testNode('test.slow', async (_, ctx) => {
      siblingSignal = ctx.signal
      return untilAborted(ctx.signal)
    })
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'slow', type: 'test.slow' },
        { id: 'boom', type: 'test.boom' },
        { id: 'after', type: 'test.slow' },
      ],
      ['t -> slow', 't -> boom', 'boom -> after'],
    )
    const result = await runFlow({
      flow,
      event: { body: {} },
      store,
      runId: 'r',
      definitions: withNodes(boom, slow),
    })
    expect(result.status).toBe('failed')
    expect(result.error).toEqual({
      code: 'QUOTA',
      message: 'quota exceeded',
      retryable: false,
      details: { limit: 10 },
      nodeId: 'boom',
    })
    expect(siblingSignal?.aborted).toBe(true)
    const stored = store.runs.get('r')
    expect(stored?.results.get('boom')).toMatchObject({ status: 'failed', error: { code: 'QUOTA' } })
    expect(stored?.results.get('slow')).toMatchObject({ status: 'cancelled' })
    expect(stored?.results.has('after')).toBe(false)
    expect(stored?.outcome).toMatchObject({ status: 'failed', error: { nodeId: 'boom' } })
  })

  it('rejects when the store itself fails, after recording the run as failed as best it can', async () => {
    const store = createMemoryRunStore()
    // A checkpoint fails: the one before a node with side effects acts.
    const broken = { ...store, saveResults: async () => Promise.reject(new Error('disk full')) }
    const post = testNode('test.post', async () => ({}), { sideEffects: 'keyed' })
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'x', type: 'test.post' },
      ],
      ['t -> x'],
    )
    const run = { flow, event: { body: {} }, store: broken, runId: 'r', definitions: withNodes(post) }
    await expect(runFlow(run)).rejects.toThrow('disk full')
    expect(store.runs.get('r')?.outcome).toMatchObject({ status: 'failed', error: { message: 'disk full' } })
  })
})
