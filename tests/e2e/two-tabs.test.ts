import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let editor: EditorSession
let tabA: Page
let tabB: Page
let flowId: string

const note = {
  schemaVersion: 1,
  name: '两个窗口',
  nodes: [
    { id: 'start', type: 'trigger.manual', version: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: 'note',
      type: 'text.template',
      version: 1,
      position: { x: 320, y: 0 },
      config: { template: '原稿' },
    },
  ],
  edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'note', targetPort: 'in' }],
}

/** The template text of the draft as the server has it. */
const savedText = (page: Page) =>
  page.evaluate(async (id) => {
    const flow = await (await fetch(`/api/flows/${id}`)).json()
    return flow.document.nodes.find((n: { id: string }) => n.id === 'note').config.template as string
  }, flowId)

async function edit(page: Page, text: string) {
  await selectNode(page, 'note')
  await page.getByTestId('input-template').fill(text)
}

beforeAll(async () => {
  editor = await openSignedInEditor()
  tabA = editor.page
  flowId = await tabA.evaluate(async (document) => {
    const res = await fetch('/api/flows', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(document),
    })
    return ((await res.json()) as { id: string }).id
  }, note)
  // The same person, the same flow, a second tab (or the projector's laptop next to one's own).
  tabB = await tabA.context().newPage()
  tabB.on('pageerror', (e) => editor.errors.push(e.message))
  for (const tab of [tabA, tabB]) {
    await tab.goto(`${editor.server.url}/#/flows/${flowId}`)
    await tab.getByTestId('node-note').waitFor()
  }
}, 180_000)

afterAll(() => closeEditor(editor))

describe('one flow open in two tabs', () => {
  it('never saves over what the other tab saved: it asks which version to keep', async () => {
    await edit(tabA, 'A 的修改')
    await expect.poll(() => savedText(tabA), { timeout: 10_000 }).toBe('A 的修改')

    // Tab B still shows the draft it opened; its edit is not sent over A's.
    await edit(tabB, 'B 的修改')
    const status = tabB.getByTestId('save-status')
    await tabB.locator('[data-testid="save-status"][data-status="conflict"]').waitFor()
    await expect(status.textContent()).resolves.toContain('刚在别的窗口或被别人保存过')
    await screenshot(tabB, 'two-tabs-conflict')
    expect(await savedText(tabB)).toBe('A 的修改')

    // Running now would run A's draft while B's canvas shows its own: refused with the same explanation.
    await tabB.getByTestId('tab-run').click()
    await tabB.getByTestId('open-run').click()
    await tabB.getByTestId('run-submit').click()
    await expect.poll(() => tabB.locator('body').textContent()).toContain('请先在顶部选择保留哪个版本')

    // B loads the latest: A's text is on its canvas, and B's next edit builds on it and saves.
    await tabB.keyboard.press('Escape')
    await tabB.getByTestId('save-load-theirs').click()
    await tabB.locator('[data-testid="save-status"][data-status="saved"]').waitFor()
    await selectNode(tabB, 'note')
    await expect(tabB.getByTestId('input-template').inputValue()).resolves.toBe('A 的修改')
    await tabB.getByTestId('input-template').fill('B 在 A 之后的修改')
    await expect.poll(() => savedText(tabB), { timeout: 10_000 }).toBe('B 在 A 之后的修改')

    // Now A is behind; it keeps its own version on purpose, and that replaces B's.
    await edit(tabA, 'A 坚持的版本')
    await tabA.locator('[data-testid="save-status"][data-status="conflict"]').waitFor()
    await tabA.getByTestId('save-keep-mine').click()
    await expect.poll(() => savedText(tabA), { timeout: 10_000 }).toBe('A 坚持的版本')
    await tabA.locator('[data-testid="save-status"][data-status="saved"]').waitFor()
    expect(editor.errors).toEqual([])
  })
})
