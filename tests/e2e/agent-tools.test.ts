import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let session: EditorSession

beforeAll(async () => {
  session = await openSignedInEditor()
}, 180_000)

afterAll(() => closeEditor(session))

describe('an agent with flow tools', () => {
  it('智能客服: webhook → agent with two flow tools → respond, run in the editor, each step shown in the run view', async () => {
    const { page, errors } = session
    await page.goto(`${session.server.url}/#/flows`)
    await page.getByTestId('new-flow').first().click()
    await page.getByText('智能客服', { exact: true }).click()
    await page.getByTestId('create-flow').click()
    await page.locator('.react-flow__node').first().waitFor()

    // The agent's tools are the two flows made with it, chosen in its form (once the list of flows has loaded).
    await selectNode(page, 'agent')
    const tools = page.getByTestId('input-flowTools')
    await expect.poll(() => tools.locator('input:checked').count(), { timeout: 10_000 }).toBe(2)

    await page.getByTestId('open-run').click()
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 60_000 })
    await selectNode(page, 'agent')
    await page.getByTestId('tab-run').click()
    const steps = page.getByTestId('agent-step')
    await steps.first().waitFor()
    // The demo model's session: one step calling both tools, one answering from their results.
    await expect.poll(() => steps.count(), { timeout: 10_000 }).toBe(2)
    await expect(page.getByTestId('agent-tool-call').count()).resolves.toBe(2)
    await expect(page.getByTestId('agent-steps').textContent()).resolves.toContain('已发货')
    await screenshot(page, 'agent-steps')
    expect(errors).toEqual([])
  })
})
