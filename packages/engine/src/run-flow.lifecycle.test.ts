import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import { runFlow } from './run-flow.ts'
import type { RunStore } from './run-store.ts'
import { testFlow, testNode, withNodes } from './test-nodes.ts'

/** The memory store, with every write it is asked for listed as `kind:keys`. */
function countingStore() {
  const memory = createMemoryRunStore()
  const writes: string[] = []
  const keys = (results: readonly { key: string }[]) => results.map((r) => r.key).join(',')
  const store: RunStore = {
    ...memory,
    async createRun(run) {
      writes.push('start')
      return memory.createRun(run)
    },
    async saveResults(runId, results) {
      writes.push(`checkpoint:${keys(results)}`)
      return memory.saveResults(runId, results)
    },
    async finishRun(runId, outcome, results) {
      writes.push(`end:${keys(results)}`)
      return memory.finishRun(runId, outcome, results)
    },
  }
  return { memory, store, writes }
}

const pure = testNode('test.pure', async () => ({ x: 1 }))

describe('runFlow: the run lifecycle (what is written when)', () => {
  it('writes a run of pure nodes twice: when it starts, and its end with every result', async () => {
    const { store, writes } = countingStore()
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'a', type: 'test.pure' },
        { id: 'reply', type: 'flow.respond', config: { body: 'ok' } },
      ],
      ['t -> a', 'a -> reply'],
    )
    const result = await runFlow({ flow, event: { body: {} }, store, definitions: withNodes(pure) })
    expect(result.status).toBe('succeeded')
    expect(writes).toEqual(['start', 'end:t,a,reply'])
  })

  it('checkpoints around a node with side effects: its sending record with everything before it, then its result', async () => {
    const { store, writes } = countingStore()
    const post = testNode('test.post', async () => ({ sent: true }), { sideEffects: 'keyed' })
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'a', type: 'test.pure' },
        { id: 'send', type: 'test.post' },
        { id: 'b', type: 'test.pure' },
      ],
      ['t -> a', 'a -> send', 'send -> b'],
    )
    await runFlow({ flow, event: { body: {} }, store, definitions: withNodes(pure, post) })
    expect(writes).toEqual(['start', 'checkpoint:t,a,send', 'checkpoint:send', 'end:b'])
  })

  it('checkpoints after a respond while other work still runs, so the caller can be answered before the end', async () => {
    const { memory, store, writes } = countingStore()
    let storedWhenSlowRan: string[] = []
    const slow = testNode('test.slow', async (_, ctx) => {
      storedWhenSlowRan = [...(memory.runs.get(ctx.runId)?.results.keys() ?? [])]
      return {}
    })
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'reply', type: 'flow.respond', config: { body: 'ok' } },
        { id: 'later', type: 'test.slow' },
      ],
      ['t -> reply', 'reply -> later'],
    )
    await runFlow({ flow, event: { body: {} }, store, definitions: withNodes(slow) })
    expect(writes).toEqual(['start', 'checkpoint:t,reply', 'end:later'])
    expect(storedWhenSlowRan).toEqual(['t', 'reply'])
  })
})
