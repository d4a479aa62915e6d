import { describe, expect, it } from 'vitest'
import { hrefFor, parseRoute } from './use-route.ts'

describe('editor routes', () => {
  it('leads from a waiting run to its draft in 审核 and back to the plain inbox', () => {
    const href = hrefFor({ page: 'approvals', runId: 'run 1/2' })
    expect(href).toBe('#/approvals?run=run%201%2F2')
    expect(parseRoute(href)).toEqual({ page: 'approvals', runId: 'run 1/2' })
    expect(parseRoute(hrefFor({ page: 'approvals' }))).toEqual({ page: 'approvals' })
  })

  it('names a run by its id alone, apart from the run list and its filters', () => {
    const href = hrefFor({ page: 'run', runId: 'run 1/2' })
    expect(href).toBe('#/runs/run%201%2F2')
    expect(parseRoute(href)).toEqual({ page: 'run', runId: 'run 1/2' })
    expect(parseRoute('#/runs?flow=f1')).toEqual({ page: 'runs', flowId: 'f1' })
  })
})
