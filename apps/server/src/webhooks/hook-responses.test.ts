import { describe, expect, it } from 'vitest'
import { streamMessage, syncResponse } from './hook-responses.ts'

const cyclic = () => {
  const value: Record<string, unknown> = { a: 1 }
  value.self = value
  return value
}

describe('webhook answers that cannot be written as JSON', () => {
  it('answer 500 RESPONSE_NOT_SERIALIZABLE with the run id instead of throwing', async () => {
    const outputs = [
      { state: 'responded', output: { status: 200, headers: {}, body: { n: 1n } } },
      { state: 'finished', outcome: { status: 'succeeded', output: cyclic(), finishedAt: 1 } },
    ] as const
    for (const wait of outputs) {
      const res = syncResponse(wait, 'run-1', () => '')
      expect(res.status).toBe(500)
      expect(await res.json()).toMatchObject({
        error: { code: 'RESPONSE_NOT_SERIALIZABLE', details: { runId: 'run-1' } },
      })
    }
  })

  it('stream an error in place of the event', () => {
    const outcome = { status: 'succeeded' as const, output: cyclic(), finishedAt: 1 }
    const message = streamMessage({ type: 'run.finished', runId: 'r', outcome, at: 1 })
    expect(JSON.parse(String(message?.data))).toMatchObject({ error: { code: 'EVENT_NOT_SERIALIZABLE' } })
  })
})
