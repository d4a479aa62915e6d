import { describe, expect, it } from 'vitest'
import { flowRespond } from './flow-respond.ts'
import { runNode } from './test-context.ts'

describe('flow.respond', () => {
  it('answers 200 with an empty body by default', async () => {
    expect(await runNode(flowRespond, {})).toEqual({ status: 200, headers: {}, body: '' })
  })

  it('passes a referenced value through as the body, with the given status and headers', async () => {
    const config = {
      status: 201,
      headers: [
        { key: 'X-Run', value: 7 },
        { key: ' ', value: 'unfinished row' },
      ],
      body: { id: 7, tags: ['a'] },
    }
    expect(await runNode(flowRespond, config)).toEqual({
      status: 201,
      headers: { 'X-Run': '7' },
      body: { id: 7, tags: ['a'] },
    })
  })

  it('refuses status codes HTTP does not have', () => {
    expect(flowRespond.config.safeParse({ status: 99 }).success).toBe(false)
    expect(flowRespond.config.safeParse({ status: 600 }).success).toBe(false)
  })
})
