import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPage, screenshot } from './support/browser.ts'
import { createBlankFlow, dropNode, OWNER, selectNode } from './support/editor-actions.ts'
import { closeEditor, startEditor } from './support/editor-session.ts'
import type { RunningServer } from './support/start-server.ts'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  ;({ server, browser } = await startEditor())
}, 180_000)

afterAll(() => closeEditor({ server, browser }))

const hasChinese = /[\u4e00-\u9fff]/

describe('the UI speaks the browser’s language', () => {
  it('shows Chinese to a Chinese browser, including node titles and field labels', async () => {
    const { page, context } = await openPage(browser, 'zh-CN')
    await page.goto(server.url)
    await expect(page.locator('h1').textContent()).resolves.toBe('欢迎使用智流')
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN')
    await page.getByTestId('auth-email').fill(OWNER.email)
    await page.getByTestId('auth-password').fill(OWNER.password)
    await page.getByTestId('auth-submit').click()
    await createBlankFlow(page, '语言测试')
    await dropNode(page, 'text.template', 300, 150)
    await selectNode(page, 'template_1')
    await expect(page.getByTestId('palette-text.template').textContent()).resolves.toBe('文本模板')
    await expect(page.locator('label[for="cfg-template_1-template"]').textContent()).resolves.toBe('内容')
    await screenshot(page, 'language-zh-CN')
    await context.close()
  })

  it('shows English to an English browser, and switches to Chinese on request', async () => {
    const { page, context } = await openPage(browser, 'en-US')
    await page.goto(server.url)
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign in')
    await page.getByTestId('auth-email').fill(OWNER.email)
    await page.getByTestId('auth-password').fill(OWNER.password)
    await page.getByTestId('auth-submit').click()
    await page.locator('.table__main-link', { hasText: '语言测试' }).click()
    await selectNode(page, 'template_1')
    await expect(page.getByTestId('palette-text.template').textContent()).resolves.toBe('Text template')
    await expect(page.locator('label[for="cfg-template_1-template"]').textContent()).resolves.toBe('Text')
    await expect(page.getByTestId('open-run').textContent()).resolves.toContain('Run')
    // Every piece of text on screen is English, except what a person typed (the flow's name) and the language
    // switch, which names each language in itself.
    const texts = await page.locator('body *:not(:has(*))').allTextContents()
    const stray = texts.filter(
      (text) => hasChinese.test(text) && !text.includes('语言测试') && text !== '中文',
    )
    expect(stray).toEqual([])
    await screenshot(page, 'language-en')

    await page.getByTestId('language-switch').selectOption('zh-CN')
    await expect(page.getByTestId('open-run').textContent()).resolves.toContain('运行')
    await context.close()
  })
})
