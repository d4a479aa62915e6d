import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPage, screenshot } from './support/browser.ts'
import { connect, createBlankFlow, dropNode, selectNode, signIn } from './support/editor-actions.ts'
import { closeEditor, startEditor } from './support/editor-session.ts'
import type { RunningServer } from './support/start-server.ts'

let server: RunningServer
let browser: Browser
let page: Page
let errors: string[]

beforeAll(async () => {
  ;({ server, browser } = await startEditor())
  ;({ page, errors } = await openPage(browser, 'zh-CN'))
}, 180_000)

afterAll(() => closeEditor({ server, browser }))

describe('building a flow from an empty canvas', () => {
  it('drags webhook → template → respond, picks a trigger field, runs it and shows the output', async () => {
    await signIn(page, server.url)
    await createBlankFlow(page, '新闻标题')
    await expect(page.getByTestId('canvas-empty').isVisible()).resolves.toBe(true)

    await dropNode(page, 'trigger.webhook', 110, 150)
    await dropNode(page, 'text.template', 370, 300)
    await dropNode(page, 'flow.respond', 600, 150)
    await connect(page, 'webhook_1', 'template_1')
    await connect(page, 'template_1', 'respond_1')
    // A wire is drawn on a render after the pointer is let go, once React Flow has measured both ends' handles.
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2)

    // The trigger declares the field the template will use.
    await selectNode(page, 'webhook_1')
    await page.getByTestId('add-inputSchema').click()
    await page.locator('#cfg-webhook_1-inputSchema-0-name').fill('title')

    // Typing {{ opens the picker, which lists the trigger's declared field.
    await selectNode(page, 'template_1')
    await page.getByTestId('input-template').fill('头条：')
    await page.getByTestId('input-template').press('End')
    await page.keyboard.type('{{')
    await page.getByTestId('var-trigger.body.title').click()
    await expect(page.getByTestId('input-template').inputValue()).resolves.toBe(
      '头条：{{ trigger.body.title }}',
    )

    await selectNode(page, 'respond_1')
    await page.getByTestId('input-body').fill('{{ nodes.template_1.text }}')
    await expect(page.getByTestId('problem-count').count()).resolves.toBe(0)
    await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor()

    await page.getByTestId('open-run').click()
    await page.getByTestId('run-field-title').fill('智流 1.0 发布')
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 15_000 })

    await expect(page.getByTestId('run-output').textContent()).resolves.toContain('头条：智流 1.0 发布')
    for (const id of ['webhook_1', 'template_1', 'respond_1']) {
      await expect(page.getByTestId(`node-${id}`).getAttribute('data-status')).resolves.toBe('succeeded')
    }
    await expect(page.locator('.fedge--done').count()).resolves.toBe(2)

    // The node's own data: what it received and produced.
    await selectNode(page, 'template_1')
    await page.getByTestId('tab-run').click()
    await expect(page.getByTestId('node-output').textContent()).resolves.toContain('头条：智流 1.0 发布')
    await screenshot(page, 'build-and-run')

    // With a run on screen, the template field previews its text with that run's data.
    await page.getByRole('tab', { name: '设置' }).click()
    await expect(page.getByTestId('template-preview').textContent()).resolves.toContain('头条：智流 1.0 发布')
    await page.getByTestId('tab-run').click()

    // "Run from here" starts a new run that reuses the trigger's result and runs the template again.
    const firstRun = await page.getByTestId('run-bar').locator('.runbar__id').textContent()
    await page.getByTestId('rerun-from-here').click()
    await page.waitForFunction((old) => {
      const bar = document.querySelector('[data-testid="run-bar"]')
      return (
        bar?.getAttribute('data-status') === 'succeeded' &&
        bar.querySelector('.runbar__id')?.textContent !== old
      )
    }, firstRun)
    await expect(page.getByTestId('run-output').textContent()).resolves.toContain('头条：智流 1.0 发布')

    // The draft was autosaved: a reload shows the same three nodes.
    await page.reload()
    await page.getByTestId('node-respond_1').waitFor()
    await expect(page.locator('.react-flow__node').count()).resolves.toBe(3)
    expect(errors).toEqual([])
  })
})
