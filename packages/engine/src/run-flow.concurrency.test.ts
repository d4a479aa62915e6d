import { describe, expect, it } from 'vitest'
import { runFlow } from './run-flow.ts'
import { deferred, testFlow, testNode, withNodes } from './test-nodes.ts'

/** Two branches that each wait on their own gate: the test decides when each may finish. */
function twoGatedBranches() {
  const gates = { left: deferred(), right: deferred() }
  const log: string[] = []
  const gated = testNode('test.gated', async (_, ctx) => {
    log.push(`start ${ctx.nodeId}`)
    await gates[ctx.nodeId as keyof typeof gates].promise
    log.push(`end ${ctx.nodeId}`)
    return ctx.nodeId
  })
  const flow = testFlow(
    [
      { id: 't', type: 'trigger.manual' },
      { id: 'left', type: 'test.gated' },
      { id: 'right', type: 'test.gated' },
    ],
    ['t -> left', 't -> right'],
  )
  return { gates, log, flow, definitions: withNodes(gated) }
}

/** Lets every pending promise callback run, without relying on timers. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}

describe('runFlow: concurrency', () => {
  it('runs independent branches at the same time: both start before either finishes', async () => {
    const { gates, log, flow, definitions } = twoGatedBranches()
    const running = runFlow({ flow, event: { body: {} }, definitions })
    await settle()
    expect(log).toEqual(['start left', 'start right'])
    gates.right.resolve()
    gates.left.resolve()
    const result = await running
    expect(log).toEqual(['start left', 'start right', 'end right', 'end left'])
    expect(result.output).toEqual({ left: 'left', right: 'right' })
  })

  it('serialises them under a concurrency limit of 1', async () => {
    const { gates, log, flow, definitions } = twoGatedBranches()
    const running = runFlow({ flow, event: { body: {} }, definitions, concurrency: 1 })
    await settle()
    expect(log).toEqual(['start left'])
    gates.right.resolve() // right may finish, but it has not even started
    await settle()
    expect(log).toEqual(['start left'])
    gates.left.resolve()
    await running
    expect(log).toEqual(['start left', 'end left', 'start right', 'end right'])
  })

  it('takes the limit from the flow settings when the caller gives none', async () => {
    const { gates, log, definitions, flow: original } = twoGatedBranches()
    const flow = { ...original, settings: { ...original.settings, concurrency: 1 } }
    const running = runFlow({ flow, event: { body: {} }, definitions })
    await settle()
    expect(log).toEqual(['start left'])
    gates.left.resolve()
    gates.right.resolve()
    await running
  })
})
