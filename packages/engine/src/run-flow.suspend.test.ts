import { suspend } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import { runFlow } from './run-flow.ts'
import type { NodeResult } from './run-store.ts'
import { testFlow, testNode, withNodes } from './test-nodes.ts'

const calls: string[] = []
const probe = testNode('test.probe', async ({ inputs }, ctx) => {
  calls.push(ctx.nodeId)
  return { from: ctx.nodeId, got: inputs.in }
})
const ask = testNode(
  'test.ask',
  async (_, ctx) => {
    calls.push(ctx.nodeId)
    return suspend({ question: 'publish?' })
  },
  { outputs: ['yes', 'no'] },
)

// t → ask → (yes: publish, no: drop); t → side, a branch that does not depend on the approval.
const flow = testFlow(
  [
    { id: 't', type: 'trigger.manual' },
    { id: 'ask', type: 'test.ask' },
    { id: 'publish', type: 'test.probe' },
    { id: 'drop', type: 'test.probe' },
    { id: 'side', type: 'test.probe' },
  ],
  ['t -> ask', 'ask:yes -> publish', 'ask:no -> drop', 't -> side'],
)

async function suspendedRun(runId: string) {
  calls.length = 0
  const store = createMemoryRunStore()
  const options = { flow, event: { body: {} }, store, runId, definitions: withNodes(probe, ask) }
  const first = await runFlow(options)
  return { store, options, first }
}

function decide(port: string, output: unknown): NodeResult {
  return {
    key: 'ask',
    nodeId: 'ask',
    status: 'succeeded',
    ports: [port],
    output,
    attempts: 1,
    startedAt: 1,
    finishedAt: 2,
  }
}

describe('runFlow: suspension', () => {
  it('records the node as waiting, finishes every other branch, holds its dependants and ends the run waiting', async () => {
    const { store, first } = await suspendedRun('s1')
    expect(first.status).toBe('waiting')
    expect(calls.sort()).toEqual(['ask', 'side'])
    const stored = store.runs.get('s1')
    expect(stored?.record.status).toBe('waiting')
    expect(stored?.results.get('ask')).toMatchObject({
      status: 'waiting',
      ports: [],
      output: { question: 'publish?' },
    })
    // Held, not skipped: a skip would be reused on resume and the branch could never run.
    expect(stored?.results.has('publish')).toBe(false)
    expect(stored?.results.has('drop')).toBe(false)
  })

  it('stays waiting on resume while the node is still waiting, without asking again', async () => {
    const { options } = await suspendedRun('s2')
    calls.length = 0
    const again = await runFlow({ ...options, resume: true })
    expect(again.status).toBe('waiting')
    expect(calls).toEqual([])
  })

  it('continues on the decided port once a decision is recorded as the node result', async () => {
    const { store, options } = await suspendedRun('s3')
    await store.saveResults('s3', [decide('no', { decision: 'rejected' })])
    calls.length = 0
    const resumed = await runFlow({ ...options, resume: true })
    expect(resumed.status).toBe('succeeded')
    expect(calls).toEqual(['drop'])
    expect(store.runs.get('s3')?.results.get('drop')?.output).toEqual({
      from: 'drop',
      got: { decision: 'rejected' },
    })
    expect(store.runs.get('s3')?.results.get('publish')?.status).toBe('skipped')
  })

  it('waits for a body node inside a for-each, and reuses the finished iterations on resume', async () => {
    calls.length = 0
    const loopFlow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'loop', type: 'logic.for-each', config: { items: '{{ trigger.body.items }}' } },
        { id: 'ask', type: 'test.ask', parentId: 'loop' },
      ],
      ['t -> loop'],
    )
    const store = createMemoryRunStore()
    const options = {
      flow: loopFlow,
      event: { body: { items: [1, 2] } },
      store,
      runId: 's4',
      definitions: withNodes(ask),
    }
    expect((await runFlow(options)).status).toBe('waiting')
    expect(store.runs.get('s4')?.results.get('loop')?.status).toBe('waiting')
    await store.saveResults('s4', [{ ...decide('yes', 'ok 0'), key: 'loop[0].ask' }])
    expect((await runFlow({ ...options, resume: true })).status).toBe('waiting')
    await store.saveResults('s4', [{ ...decide('yes', 'ok 1'), key: 'loop[1].ask' }])
    const done = await runFlow({ ...options, resume: true })
    expect(calls).toEqual(['ask', 'ask'])
    expect(done).toMatchObject({ status: 'succeeded', output: { results: ['ok 0', 'ok 1'], count: 2 } })
  })
})
