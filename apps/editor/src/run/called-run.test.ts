import { describe, expect, it } from 'vitest'
import { calledRunIdOf } from './called-run.ts'

describe('calledRunIdOf', () => {
  it('finds the child run of a flow.call step that answered, waits, or failed with its child', () => {
    expect(calledRunIdOf('flow.call', { output: { result: { ok: true }, runId: 'r_done' } })).toBe('r_done')
    expect(
      calledRunIdOf('flow.call', {
        output: { calledRunId: 'r_wait', flowName: '退款', childStatus: 'waiting' },
      }),
    ).toBe('r_wait')
    expect(
      calledRunIdOf('flow.call', {
        error: { code: 'FLOW_CALL_FAILED', message: 'ended failed', details: { runId: 'r_failed' } },
      }),
    ).toBe('r_failed')
    expect(
      calledRunIdOf('flow.call', {
        error: { code: 'NODE_TIMEOUT', message: 'timed out', details: { runId: 'r_stopped' } },
      }),
    ).toBe('r_stopped')
  })

  it('finds the last flow an agent stopped as a whole had started, and none in an agent that answered', () => {
    expect(
      calledRunIdOf('ai.agent', {
        error: { code: 'CANCELLED', message: 'cancelled', details: { runId: 'r_tool' } },
      }),
    ).toBe('r_tool')
    // An agent that answered links each tool call's run on its own step instead.
    expect(calledRunIdOf('ai.agent', { output: { text: '好的', runId: 'r_1' } })).toBeUndefined()
  })

  it('finds none for a call refused before it started a run, or for another node', () => {
    expect(
      calledRunIdOf('flow.call', { error: { code: 'FLOW_CALL_DEPTH', message: 'too deep' } }),
    ).toBeUndefined()
    expect(calledRunIdOf('http.request', { output: { runId: 'r_1' } })).toBeUndefined()
    expect(calledRunIdOf('flow.call', undefined)).toBeUndefined()
  })
})
