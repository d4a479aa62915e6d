import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import { runFlow } from './run-flow.ts'
import { deferred, testFlow, testNode, untilAborted, withNodes } from './test-nodes.ts'

/** t → work → after, where `work` reports that it started and then waits (ignoring its signal if asked to). */
function longRunningFlow(options: { ignoreSignal: boolean }) {
  const started = deferred<AbortSignal>()
  const afterCalls: string[] = []
  const work = testNode('test.work', async (_, ctx) => {
    ctx.linkRun('child_1')
    started.resolve(ctx.signal)
    return options.ignoreSignal ? new Promise(() => {}) : untilAborted(ctx.signal)
  })
  const after = testNode('test.after', async (_, ctx) => afterCalls.push(ctx.nodeId))
  const flow = testFlow(
    [
      { id: 't', type: 'trigger.manual' },
      { id: 'work', type: 'test.work' },
      { id: 'after', type: 'test.after' },
    ],
    ['t -> work', 'work -> after'],
  )
  return { flow, started: started.promise, afterCalls, definitions: withNodes(work, after) }
}

describe('runFlow: cancellation', () => {
  it('aborts the running node, starts nothing more and finishes cancelled', async () => {
    const { flow, started, afterCalls, definitions } = longRunningFlow({ ignoreSignal: false })
    const store = createMemoryRunStore()
    const controller = new AbortController()
    const running = runFlow({ flow, event: { body: {} }, definitions, store, signal: controller.signal })
    const signal = await started
    controller.abort(new Error('stopped by the editor'))
    const result = await running
    expect(signal.aborted).toBe(true)
    expect(result.status).toBe('cancelled')
    expect(result.error).toEqual({
      code: 'CANCELLED',
      message: 'the run was cancelled: stopped by the editor',
    })
    expect(result.steps.map((s) => [s.key, s.status])).toEqual([
      ['t', 'succeeded'],
      ['work', 'cancelled'],
    ])
    expect(afterCalls).toEqual([])
    expect(store.runs.get(result.runId)?.outcome?.status).toBe('cancelled')
  })

  it('finishes promptly even when the running node ignores its signal', async () => {
    const { flow, started, definitions } = longRunningFlow({ ignoreSignal: true })
    const controller = new AbortController()
    const running = runFlow({ flow, event: { body: {} }, definitions, signal: controller.signal })
    await started
    controller.abort()
    await expect(running).resolves.toMatchObject({ status: 'cancelled' })
  })

  it('names the run the stopped node had started in its error, as its own failure would have', async () => {
    const { flow, started, definitions } = longRunningFlow({ ignoreSignal: true })
    const controller = new AbortController()
    const running = runFlow({ flow, event: { body: {} }, definitions, signal: controller.signal })
    await started
    controller.abort()
    const { steps } = await running
    expect(steps.find((s) => s.key === 'work')?.error).toMatchObject({
      code: 'CANCELLED',
      details: { runId: 'child_1' },
    })
  })

  it('runs nothing when the signal is already aborted', async () => {
    const { flow, definitions } = longRunningFlow({ ignoreSignal: false })
    const result = await runFlow({ flow, event: { body: {} }, definitions, signal: AbortSignal.abort() })
    expect(result).toMatchObject({ status: 'cancelled', steps: [] })
  })

  it('fails the run with RUN_TIMEOUT when the whole flow exceeds its time limit', async () => {
    const { flow: base, started, definitions } = longRunningFlow({ ignoreSignal: false })
    const flow = { ...base, settings: { ...base.settings, timeoutMs: 20 } }
    const running = runFlow({ flow, event: { body: {} }, definitions })
    const signal = await started
    const result = await running
    expect(signal.aborted).toBe(true)
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'RUN_TIMEOUT' })
    expect(result.steps.find((s) => s.key === 'work')).toMatchObject({
      status: 'cancelled',
      error: { code: 'RUN_TIMEOUT' },
    })
  })
})
