import { describe, expect, it } from 'vitest'
import { isSuspended } from '../define-node.ts'
import { flowApproval } from './flow-approval.ts'
import { runNode } from './test-context.ts'

describe('flow.approval', () => {
  it('suspends with the rendered title and content, and a deadline when one is set', async () => {
    const out = await runNode(flowApproval, { title: '台风稿', content: { draft: 1 }, deadlineMinutes: 30 })
    if (!isSuspended(out)) throw new Error('flow.approval must suspend')
    expect(out.payload).toEqual({
      title: '台风稿',
      content: '{"draft":1}',
      requestedAt: '2025-01-02T03:04:05.000Z',
      deadlineAt: '2025-01-02T03:34:05.000Z',
    })
  })

  it('waits without a deadline when none is set', async () => {
    const out = await runNode(flowApproval, { title: 't', content: 'c' })
    expect(isSuspended(out) && out.payload).not.toHaveProperty('deadlineAt')
  })

  it('names who may decide: owners only, or one member by email (lowercased); by default nobody is named', async () => {
    const payload = async (config: Record<string, unknown>) => {
      const out = await runNode(flowApproval, { title: 't', content: 'c', ...config })
      if (!isSuspended(out)) throw new Error('flow.approval must suspend')
      return out.payload as Record<string, unknown>
    }
    expect(await payload({})).not.toHaveProperty('approver')
    expect((await payload({ approvers: 'owners' })).approver).toEqual({ role: 'owner' })
    expect((await payload({ approvers: 'person', approverEmail: 'Zhang@Example.com' })).approver).toEqual({
      email: 'zhang@example.com',
    })
    expect(
      flowApproval.config.safeParse({ approvers: 'person', approverEmail: 'not an email' }).success,
    ).toBe(false)
  })
})
