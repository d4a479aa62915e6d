import { type Clock, NodeError } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import type { RunEvent } from './run-events.ts'
import { runFlow } from './run-flow.ts'
import { testFlow, testNode, withNodes } from './test-nodes.ts'

/** A node whose run returns its value itself: no promise anywhere, as data.transform on `result + 1`. */
const increment = testNode('test.increment', ({ inputs }) => {
  const n = (inputs.in as { n?: number } | undefined)?.n ?? 0
  return { n: n + 1 }
})

function chainOf(length: number) {
  const nodes = [{ id: 't', type: 'trigger.manual' }]
  const edges: string[] = []
  for (let i = 1; i <= length; i++) {
    nodes.push({ id: `n${i}`, type: 'test.increment' })
    edges.push(`${i === 1 ? 't' : `n${i - 1}`} -> n${i}`)
  }
  return testFlow(nodes, edges)
}

const instantClock: Clock = { now: () => 1_000, sleep: async (_ms, signal) => signal?.throwIfAborted() }

describe('runFlow: synchronous nodes', () => {
  it('runs them like asynchronous ones: each dependant starts after the node it reads finished', async () => {
    const events: RunEvent[] = []
    const result = await runFlow({
      flow: chainOf(3),
      event: { body: {} },
      definitions: withNodes(increment),
      onEvent: (e) => events.push(e),
    })
    expect(result).toMatchObject({ status: 'succeeded', output: { n: 3 } })
    const order = events
      .filter((e) => e.type === 'node.started' || e.type === 'node.finished')
      .map((e) => (e.type === 'node.started' ? `start ${e.key}` : `end ${e.result.key}`))
    expect(order).toEqual([
      'start t',
      'end t',
      'start n1',
      'end n1',
      'start n2',
      'end n2',
      'start n3',
      'end n3',
    ])
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', outcome: { status: 'succeeded' } })
  })

  it('goes down a long chain in a loop, not a stack frame per node', async () => {
    // The most nodes a flow may have; a few frames per node on the stack would overflow it well before.
    const result = await runFlow({
      flow: chainOf(4_999),
      event: { body: {} },
      definitions: withNodes(increment),
    })
    expect(result).toMatchObject({ status: 'succeeded', output: { n: 4_999 } })
  })

  it('fails a node that throws with its error, and retries it when the error is retryable', async () => {
    const attempts: number[] = []
    const flaky = testNode('test.flaky', (_, ctx) => {
      attempts.push(ctx.attempt)
      if (ctx.attempt < 3) throw new NodeError('BUSY', 'try again', { retryable: true })
      if (ctx.attempt === 3) throw new NodeError('BROKEN', 'for good')
      return {}
    })
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        {
          id: 'x',
          type: 'test.flaky',
          settings: { retry: { maxAttempts: 5, backoffMs: 10 }, onError: 'fail' },
        },
      ],
      ['t -> x'],
    )
    const result = await runFlow({
      flow,
      event: { body: {} },
      definitions: withNodes(flaky),
      services: { clock: instantClock },
    })
    expect(attempts).toEqual([1, 2, 3])
    expect(result).toMatchObject({ status: 'failed', error: { code: 'BROKEN', nodeId: 'x' } })
    expect(result.steps.find((s) => s.key === 'x')).toMatchObject({ status: 'failed', attempts: 3 })
  })

  it('calls no further node once the run is cancelled, even though nothing was awaited', async () => {
    const controller = new AbortController()
    const called: string[] = []
    const note = testNode('test.note', (_, ctx) => {
      called.push(ctx.nodeId)
      return {}
    })
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'a', type: 'test.note' },
        { id: 'b', type: 'test.note' },
      ],
      ['t -> a', 'a -> b'],
    )
    const result = await runFlow({
      flow,
      event: { body: {} },
      definitions: withNodes(note),
      signal: controller.signal,
      // Cancelled by a subscriber the moment `a` finishes, inside the same synchronous stretch of the run.
      onEvent: (e) => {
        if (e.type === 'node.finished' && e.result.key === 'a') controller.abort()
      },
    })
    expect(called).toEqual(['a'])
    expect(result.status).toBe('cancelled')
  })
})
