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
  })

  it('finds none for a call refused before it started a run, or for another node', () => {
    expect(
      calledRunIdOf('flow.call', { error: { code: 'FLOW_CALL_DEPTH', message: 'too deep' } }),
    ).toBeUndefined()
    expect(calledRunIdOf('http.request', { output: { runId: 'r_1' } })).toBeUndefined()
    expect(calledRunIdOf('flow.call', undefined)).toBeUndefined()
  })
})
