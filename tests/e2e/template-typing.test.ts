import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { connect, createBlankFlow, dropNode, selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let editor: EditorSession
let page: Page

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ page } = editor)
  await createBlankFlow(page, '打字补全')
  await dropNode(page, 'trigger.webhook', 110, 150)
  await dropNode(page, 'text.template', 420, 150)
  await connect(page, 'webhook_1', 'template_1')
  await selectNode(page, 'webhook_1')
  await page.getByTestId('add-inputSchema').click()
  await page.locator('#cfg-webhook_1-inputSchema-0-name').fill('title')
  await selectNode(page, 'template_1')
}, 180_000)

afterAll(() => closeEditor(editor))

const field = () => page.getByTestId('input-template')
const fieldHasFocus = () => field().evaluate((el) => el === document.activeElement)

describe('typing {{ in a template field', () => {
  it('completes in place: the list filters by what follows {{, arrows choose, Enter inserts', async () => {
    await field().fill('')
    await field().focus()
    await page.keyboard.type('你好，{{ tri')

    const list = page.getByRole('listbox')
    await list.waitFor()
    // Filtered by "tri": only the trigger's values are offered.
    const paths = await list.getByRole('option').locator('code').allTextContents()
    expect(paths.length).toBeGreaterThan(0)
    for (const p of paths) expect(p).toContain('tri')
    await expect(fieldHasFocus()).resolves.toBe(true)
    await expect(field().inputValue()).resolves.toBe('你好，{{ tri')
    await screenshot(page, 'template-typing-list')

    // The field points at the active option; ArrowDown moves it.
    const first = await field().getAttribute('aria-activedescendant')
    expect(first).toBeTruthy()
    await page.keyboard.press('ArrowDown')
    const second = await field().getAttribute('aria-activedescendant')
    expect(second).not.toBe(first)
    await expect(page.locator(`[id="${second}"]`).getAttribute('aria-selected')).resolves.toBe('true')
    await page.keyboard.press('ArrowUp')

    await page.keyboard.press('Enter')
    await list.waitFor({ state: 'detached' })
    await expect(field().inputValue()).resolves.toBe(`你好，{{ ${paths[0]} }}`)
    expect(paths[0]).toMatch(/^trigger\./)
    await expect(fieldHasFocus()).resolves.toBe(true)

    // Typing goes on after the inserted reference.
    await page.keyboard.type('！')
    await expect(field().inputValue()).resolves.toBe(`你好，{{ ${paths[0]} }}！`)
  })

  it('Escape closes the list and keeps the braces as typed; the next keys still go to the field', async () => {
    await field().fill('')
    await field().focus()
    await page.keyboard.type('价格{{')
    await page.getByRole('listbox').waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('listbox').waitFor({ state: 'detached' })
    await expect(fieldHasFocus()).resolves.toBe(true)
    await page.keyboard.type(' 元')
    await expect(field().inputValue()).resolves.toBe('价格{{ 元')
    // Escape closed only the list, not the node's settings.
    await expect(page.getByTestId('config-panel').isVisible()).resolves.toBe(true)
  })

  it('the insert button opens the same list at the caret; Escape takes back the braces it added', async () => {
    await field().fill('标题')
    await field().focus()
    await page.getByTestId('insert-template').click()
    await page.getByRole('listbox').waitFor()
    await expect(field().inputValue()).resolves.toBe('标题{{')
    await expect(fieldHasFocus()).resolves.toBe(true)
    await page.keyboard.press('Escape')
    await expect(field().inputValue()).resolves.toBe('标题')
    await page.getByTestId('insert-template').click()
    // The button puts the caret after the braces it adds on React's next render: keys typed before that frame land
    // where the caret was (CI typed in that frame once). A person types after seeing the list.
    await page.getByRole('listbox').waitFor()
    await expect
      .poll(() => field().evaluate((el) => (el as HTMLInputElement | HTMLTextAreaElement).selectionStart))
      .toBe('标题{{'.length)
    await page.keyboard.type('title')
    await page.keyboard.press('Enter')
    await expect(field().inputValue()).resolves.toBe('标题{{ trigger.body.title }}')
  })

  it('a click on an option inserts it and leaves the caret in the field', async () => {
    await field().fill('')
    await field().focus()
    await page.keyboard.type('标题：{{')
    await page.getByTestId('var-trigger.body.title').click()
    await expect(field().inputValue()).resolves.toBe('标题：{{ trigger.body.title }}')
    await expect(fieldHasFocus()).resolves.toBe(true)
    expect(editor.errors).toEqual([])
  })
})

describe('values by name, not by path', () => {
  const summary = () => page.getByTestId('node-template_1').locator('.fnode__summary').textContent()

  it('offers “node name › field”, takes a Chinese input name, and shows references by name on the card', async () => {
    await selectNode(page, 'webhook_1')
    await page.locator('#name-webhook_1').fill('热点线索')
    await page.getByTestId('add-inputSchema').click()
    await page.locator('#cfg-webhook_1-inputSchema-1-name').fill('作者')
    await selectNode(page, 'template_1')
    await field().fill('')
    await field().focus()
    await page.keyboard.type('作者：{{ 作者')
    const option = page.getByRole('listbox').getByRole('option').first()
    await expect(option.locator('.picker__label').textContent()).resolves.toBe('热点线索 › 作者')
    await expect(option.locator('code').textContent()).resolves.toBe('trigger.body.作者')
    await screenshot(page, 'picker-by-name')
    await page.keyboard.press('Enter')
    await expect(field().inputValue()).resolves.toBe('作者：{{ trigger.body.作者 }}')
    await expect(summary()).resolves.toBe('作者：「热点线索 › 作者」')
    // The reference holds the node's id: a rename shows on the card at once and breaks nothing.
    await selectNode(page, 'webhook_1')
    await page.locator('#name-webhook_1').fill('来稿')
    await expect.poll(summary).toBe('作者：「来稿 › 作者」')
    await expect(page.getByTestId('node-problem-template_1').count()).resolves.toBe(0)
  })

  it('edits 对话历史 as rows of who said what, with JSON one click away', async () => {
    await dropNode(page, 'ai.chat', 420, 420)
    await selectNode(page, 'chat_1')
    const rows = page.getByTestId('messages-history')
    await page.getByTestId('messages-add-history').click()
    await page.getByTestId('messages-add-history').click()
    await rows.locator('textarea').nth(0).fill('周末几点开门？')
    await rows.locator('textarea').nth(1).fill('周六日 9:00 开门。')
    await expect(rows.locator('select').nth(1).inputValue()).resolves.toBe('assistant')
    await page.getByTestId('messages-json-history').click()
    const json = JSON.parse(await page.getByTestId('input-history').inputValue())
    expect(json).toEqual([
      { role: 'user', content: '周末几点开门？' },
      { role: 'assistant', content: '周六日 9:00 开门。' },
    ])
    await page.getByTestId('messages-form-history').click()
    await expect(rows.locator('textarea').count()).resolves.toBe(2)
    expect(editor.errors).toEqual([])
  })
})
