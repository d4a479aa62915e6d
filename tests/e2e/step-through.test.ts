import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'
import { node } from './support/flow-node.ts'

let editor: EditorSession
let page: Page
let errors: string[]

/** trigger → greet → shout: each step's text is built from the one before. */
const lesson = {
  schemaVersion: 1,
  name: '单步课堂',
  nodes: [
    node('t', 'trigger.manual', 0, { inputSchema: [{ name: 'name', type: 'string', required: true }] }),
    node('greet', 'text.template', 300, { template: '你好，{{ trigger.body.name }}' }),
    node('shout', 'text.template', 600, { template: '{{ nodes.greet.text }}！' }),
  ],
  edges: [
    { id: 'e1', source: 't', sourcePort: 'out', target: 'greet', targetPort: 'in' },
    { id: 'e2', source: 'greet', sourcePort: 'out', target: 'shout', targetPort: 'in' },
  ],
  settings: { concurrency: 8 },
}

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ page, errors } = editor)
}, 180_000)

afterAll(() => closeEditor(editor))

describe('step through (单步运行)', () => {
  it('pauses at a breakpoint showing the node’s input, steps to the next node, then continues to the end', async () => {
    await page.getByTestId('import-file').setInputFiles({
      name: 'lesson.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(lesson)),
    })
    await page.getByTestId('node-greet').waitFor()
    await page.getByTestId('breakpoint-greet').click()
    await expect(page.getByTestId('breakpoint-greet').getAttribute('aria-pressed')).resolves.toBe('true')

    await page.getByTestId('open-run').click()
    await page.getByTestId('run-field-name').fill('小明')
    await page.getByTestId('run-submit').click()
    const panel = page.getByTestId('paused-panel')
    await page.locator('[data-testid="paused-panel"][data-node="greet"]').waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('node-greet').getAttribute('data-status')).resolves.toBe('paused')
    // What greet will receive (the trigger's output) and its template filled in with the name typed in.
    await expect(panel.getByTestId('paused-inputs').textContent()).resolves.toContain('body')
    await expect(panel.getByTestId('paused-config').inputValue()).resolves.toContain('你好，小明')
    await screenshot(page, 'step-through-paused')

    // Space: run greet, pause before the next node.
    await page.keyboard.press('Space')
    await page.locator('[data-testid="paused-panel"][data-node="shout"]').waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('node-greet').getAttribute('data-status')).resolves.toBe('succeeded')
    await expect(page.getByTestId('paused-config').inputValue()).resolves.toContain('你好，小明！')

    // Enter: continue to the end.
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('run-output').textContent()).resolves.toContain('你好，小明！')
    expect(errors).toEqual([])
  })
})
