import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPage } from './support/browser.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'
import { node } from './support/flow-node.ts'

let editor: EditorSession
let page: Page

/** trigger → 审核 → the approved text; the approval starts open to every editor. */
const reviewFlow = {
  schemaVersion: 1,
  name: '公告审核',
  nodes: [
    node('t', 'trigger.manual', 0, { inputSchema: [{ name: 'text', type: 'string', required: true }] }),
    node('review', 'flow.approval', 300, { title: '公告待审', content: '{{ trigger.body.text }}' }),
    node('publish', 'text.template', 600, { template: '发布：{{ nodes.review.content }}' }),
  ],
  edges: [
    { id: 'e1', source: 't', sourcePort: 'out', target: 'review', targetPort: 'in' },
    { id: 'e2', source: 'review', sourcePort: 'approved', target: 'publish', targetPort: 'in' },
  ],
  settings: { concurrency: 8 },
}

const PASSWORD = '同事的密码12345'
const APPROVER = 'shenhe@example.com'
const OTHER = 'bianji@example.com'

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ page } = editor)
  // Two colleagues, added as the owner would in 设置 (that page has its own test): both editors.
  for (const email of [APPROVER, OTHER]) {
    const status = await page.evaluate(
      (body) =>
        fetch('/api/users', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.status),
      { email, password: PASSWORD, role: 'editor' },
    )
    expect(status).toBe(201)
  }
}, 180_000)

afterAll(() => closeEditor(editor))

/** A colleague on a computer of their own, signed in and on 审核. */
async function openInbox(email: string) {
  const colleague = await openPage(editor.browser, 'zh-CN')
  await colleague.page.goto(editor.server.url)
  await colleague.page.getByTestId('auth-email').fill(email)
  await colleague.page.getByTestId('auth-password').fill(PASSWORD)
  await colleague.page.getByTestId('auth-submit').click()
  await colleague.page.getByTestId('new-flow').first().waitFor()
  await colleague.page.goto(`${editor.server.url}/#/approvals`)
  return colleague
}

/** An approval of the run's 审核 step, sent from `as`'s signed-in page as the inbox would send it. */
const approve = (as: Page, runId = '') =>
  as.evaluate(
    (id) =>
      fetch(`/api/approvals/${id}/review`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'approve' }),
      }).then((r) => r.json()),
    runId,
  )

describe('审核人: 指定的一位成员', () => {
  it('only the named member finds the approval in 审核 and decides it; to anyone else it is not theirs', async () => {
    await page.getByTestId('import-file').setInputFiles({
      name: 'review.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(reviewFlow)),
    })
    await selectNode(page, 'review')
    await page.getByTestId('input-approvers').selectOption('person')
    await page.getByTestId('input-approverEmail').fill(APPROVER)
    await page.getByTestId('open-run').click()
    await page.getByTestId('run-field-text').fill('周五下午停电检修')
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="waiting"]').waitFor({ timeout: 15_000 })

    // Not the owner's to decide, nor another editor's: their 审核 stays empty.
    await page.getByTestId('go-approve').click()
    await page.getByText('没有待审核的内容').waitFor()
    const runId = /[?&]run=([^&]+)/.exec(page.url())?.[1]
    expect(runId).toBeTruthy()
    const other = await openInbox(OTHER)
    await other.page.getByText('没有待审核的内容').waitFor()
    // The inbox offers no button to them; a decision sent anyway: the owner sees the run but is not its approver,
    // the other editor cannot even see the run.
    await expect(approve(page, runId)).resolves.toMatchObject({
      error: { code: 'NOT_APPROVER', details: { approver: { email: APPROVER } } },
    })
    await expect(approve(other.page, runId)).resolves.toMatchObject({ error: { code: 'NOT_FOUND' } })

    const approver = await openInbox(APPROVER)
    const item = approver.page.getByTestId('approval-item')
    await expect(item.textContent()).resolves.toContain(`指定审核人: ${APPROVER}`)
    await item.getByTestId('approve').click()
    await approver.page.getByTestId('approval-notice').waitFor()
    // The named member's decision released the run: the step after 审核 published the text it held.
    type Run = { status: string; nodes: { nodeId: string; output?: unknown }[] }
    const read = () =>
      page.evaluate((id) => fetch(`/api/runs/${id}`).then((r) => r.json() as Promise<Run>), runId)
    await expect.poll(async () => (await read()).status, { timeout: 15_000 }).toBe('succeeded')
    const published = (await read()).nodes.find((n) => n.nodeId === 'publish')?.output
    expect(published).toEqual({ text: '发布：周五下午停电检修' })
    await other.context.close()
    await approver.context.close()
    expect([...editor.errors, ...other.errors, ...approver.errors]).toEqual([])
  }, 60_000)
})
