import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let session: EditorSession

beforeAll(async () => {
  session = await openSignedInEditor()
}, 180_000)

afterAll(() => closeEditor(session))

describe('a template that answers from a knowledge base', () => {
  it('comes with its sample knowledge base, and the run shows the passages it found with document, score and text', async () => {
    const { page, errors } = session
    await page.goto(`${session.server.url}/#/flows`)
    await page.getByTestId('new-flow').first().click()
    await page.getByText('政务服务问答', { exact: true }).click()
    await page.getByTestId('create-flow').click()
    await page.locator('.react-flow__node').first().waitFor()

    // The retrieval step searches the knowledge base made with the flow, already chosen in its form.
    await selectNode(page, 'policies')
    // The base's name shows once the list of bases has loaded.
    await expect
      .poll(() => page.getByTestId('config-panel').textContent(), { timeout: 10_000 })
      .toContain('政务服务政策（示例）')

    await page.getByTestId('open-run').click()
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="waiting"]').waitFor({ timeout: 60_000 })
    await selectNode(page, 'policies')
    await page.getByTestId('tab-run').click()
    const chunks = page.getByTestId('retrieved-chunk')
    await chunks.first().waitFor()
    await expect(chunks.count()).resolves.toBe(5)
    const first = chunks.first()
    await expect(first.getByTestId('retrieved-document').textContent()).resolves.toBe('[1] 居住证办理指南.md')
    await expect(first.getByTestId('retrieved-score').textContent()).resolves.toMatch(/^分数 0\.\d{3}/)
    await expect(first.getByTestId('retrieved-text').textContent()).resolves.toMatch(/居住证/)
    await screenshot(page, 'retrieved-chunks')

    // On 知识库: the sample documents, indexed.
    await page.goto(`${session.server.url}/#/knowledge`)
    await page.getByRole('button', { name: '政务服务政策（示例）' }).click()
    await page.getByTestId('kb-panel').waitFor()
    const statuses = page.getByTestId('kb-status')
    await statuses.first().waitFor()
    await expect.poll(() => statuses.allTextContents(), { timeout: 10_000 }).toEqual(Array(6).fill('可用'))
    expect(errors).toEqual([])
  })
})
