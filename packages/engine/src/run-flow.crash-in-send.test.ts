import type { SideEffects } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import { runFlow } from './run-flow.ts'
import type { RunStore } from './run-store.ts'
import { testFlow, testNode, withNodes } from './test-nodes.ts'

/**
 * A process that dies after its send went out and before the result was stored: here the store refuses that one
 * write, so the first execution ends with the node recorded `sending` and nothing else about it.
 */
function dyingAfterSend(memory: ReturnType<typeof createMemoryRunStore>, nodeId: string): RunStore {
  return {
    ...memory,
    async saveResults(runId, results) {
      if (results.some((r) => r.nodeId === nodeId && r.status !== 'sending'))
        throw new Error('the process died')
      return memory.saveResults(runId, results)
    },
  }
}

function crashInSend(sideEffects: SideEffects) {
  const sent: string[] = []
  const after: string[] = []
  const send = testNode(
    'test.send',
    async ({ config }, ctx) => {
      sent.push(ctx.idempotencyKey)
      return { text: config.text }
    },
    { sideEffects },
  )
  const next = testNode('test.after', async ({ inputs }) => {
    after.push(JSON.stringify(inputs.in))
    return { done: true }
  })
  const flow = testFlow(
    [
      { id: 't', type: 'trigger.manual' },
      { id: 'post', type: 'test.send', config: { text: '快讯 {{ trigger.body.n }}' } },
      { id: 'next', type: 'test.after' },
      { id: 'other', type: 'test.after' },
    ],
    ['t -> post', 'post -> next', 't -> other'],
  )
  const memory = createMemoryRunStore()
  const options = { flow, event: { body: { n: 1 } }, runId: 'r1', definitions: withNodes(send, next) }
  return {
    sent,
    after,
    memory,
    crash: () => runFlow({ ...options, store: dyingAfterSend(memory, 'post') }).catch(() => undefined),
    resume: () => runFlow({ ...options, store: memory, resume: true }),
  }
}

describe('runFlow: a send interrupted between acting and recording', () => {
  it('records `sending` with the rendered config before a node with side effects acts', async () => {
    const run = crashInSend('keyed')
    await run.crash()
    expect(run.sent).toEqual(['r1:post'])
    expect(run.memory.runs.get('r1')?.results.get('post')).toMatchObject({
      status: 'sending',
      input: { config: { text: '快讯 1' } },
    })
  })

  it('sends a keyed node again with the same idempotency key, so the receiver can drop the repeat', async () => {
    const run = crashInSend('keyed')
    await run.crash()
    const resumed = await run.resume()
    expect(resumed.status).toBe('succeeded')
    expect(run.sent).toEqual(['r1:post', 'r1:post'])
    expect(run.memory.runs.get('r1')?.results.get('post')).toMatchObject({
      status: 'succeeded',
      output: { text: '快讯 1' },
    })
  })

  it('never sends an unkeyed node again: the run needs attention naming it, and holds what depends on it', async () => {
    const run = crashInSend('unkeyed')
    await run.crash()
    const afterCrash = run.after.length
    const resumed = await run.resume()
    expect(run.sent).toEqual(['r1:post'])
    expect(resumed).toMatchObject({
      status: 'needs_attention',
      error: { code: 'SEND_UNCONFIRMED', nodeId: 'post', details: { key: 'post' } },
    })
    // `next` waits for the decision; `other` does not depend on the send and may have run in either execution.
    expect(run.after.slice(afterCrash).every((input) => !input.includes('快讯'))).toBe(true)
    expect(resumed.steps.find((s) => s.key === 'post')?.status).toBe('sending')
    expect(run.memory.runs.get('r1')?.outcome?.status).toBe('needs_attention')
  })

  it('goes on from the send once a person recorded its result, still without sending again', async () => {
    const run = crashInSend('unkeyed')
    await run.crash()
    await run.resume()
    const held = run.memory.runs.get('r1')?.results.get('post')
    if (!held) throw new Error('no held result')
    // What "mark sent" records (the server's attention route does this through the store).
    await run.memory.saveResults('r1', [
      { ...held, status: 'succeeded', ports: ['out'], output: { text: '已发' } },
    ])
    const resumed = await run.resume()
    expect(resumed.status).toBe('succeeded')
    expect(run.sent).toEqual(['r1:post'])
    expect(run.after).toContain(JSON.stringify({ text: '已发' }))
  })
})
