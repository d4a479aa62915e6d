// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text, what a person reads, which is what these checks are about
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { canvasLayout, tidy } from './support/canvas-layout.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let session: EditorSession
let page: Page

beforeAll(async () => {
  session = await openSignedInEditor()
  page = session.page
}, 180_000)

afterAll(() => closeEditor(session))

/** JSON on screen: an object's opening brace followed by a quoted key, or a quoted key and its colon. */
const JSON_ON_SCREEN = /\{\s*"|"\s*:/

/** The text a person reads in a part of the page (what is visible, not the DOM's hidden parts). */
const visibleText = (testId: string) => page.getByTestId(testId).innerText()

describe('the newsroom path, as an editor who does not program walks it', () => {
  it('template → prompt edited by typing → run → formatted draft → publish → approve in 审核 → published page', async () => {
    const { server, errors } = session

    // 1. From the 通稿改写 template, on a projector and on a big screen: every node shown, apart.
    await page.goto(`${server.url}/#/flows`)
    await page.getByTestId('new-flow').first().click()
    await page.getByText('通稿改写', { exact: true }).click()
    await page.getByTestId('create-flow').click()
    await page.getByTestId('node-rewrite').waitFor()
    for (const [width, height] of [
      [1024, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height })
      await expect.poll(() => canvasLayout(page), { timeout: 10_000 }).toEqual(tidy)
      await screenshot(page, `newsroom-canvas-${width}x${height}`)
    }
    await page.setViewportSize({ width: 1280, height: 720 })
    // The canvas fits itself to the new size: a click on a node still moving is a drag, not a selection.
    await expect.poll(() => canvasLayout(page), { timeout: 10_000 }).toEqual(tidy)

    // 2. The prompt gets one more line, the value chosen by typing {{ and part of its name.
    await selectNode(page, 'rewrite')
    const prompt = page.getByTestId('input-prompt')
    await prompt.focus()
    await prompt.press('ControlOrMeta+End')
    await page.keyboard.type('\n来源：{{ sou')
    const option = page.getByRole('listbox').getByRole('option').first()
    await expect(option.locator('.picker__label').textContent()).resolves.toMatch(/^收到通稿 › /)
    await page.keyboard.press('Enter')
    await expect(prompt.inputValue()).resolves.toMatch(/\n来源：\{\{ trigger\.body\.source \}\}$/)
    await expect.poll(() => page.getByTestId('node-problem-rewrite').count(), { timeout: 10_000 }).toBe(0)

    // 3. Run with the template's sample; the draft stops at the editor's review.
    await page.getByTestId('open-run').click()
    await expect(page.getByTestId('run-field-release').inputValue()).resolves.not.toBe('')
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="waiting"]').waitFor({ timeout: 30_000 })

    // 4. The draft reads as an article: rendered Markdown and labelled fields, no JSON unless asked for.
    await selectNode(page, 'rewrite')
    await page.getByTestId('tab-run').click()
    const output = page.getByTestId('node-output')
    await output.locator('p').first().waitFor()
    expect(await visibleText('node-output')).not.toMatch(JSON_ON_SCREEN)
    expect(await visibleText('node-input')).not.toMatch(JSON_ON_SCREEN)
    // What the prompt became, with the value filled in, is part of what the node received.
    expect(await visibleText('node-input')).toContain('来源：东莞市交通运输局')
    expect(await visibleText('run-bar')).not.toMatch(JSON_ON_SCREEN)
    await screenshot(page, 'newsroom-draft')
    await page.getByTestId('node-output-toggle').click()
    await page.getByTestId('node-output-json').waitFor()
    await page.getByTestId('node-output-toggle').click()

    // 5. Publish the edited draft as version 1.
    await page.getByTestId('open-publish').click()
    await page.getByTestId('publish-now').click()
    await page.getByTestId('publish-dialog').getByRole('status').waitFor()
    await page.keyboard.press('Escape')

    // 6. 审核 counts the waiting draft and opens on it; approving it publishes the page.
    // The count is read again after the publish and on focus: wait for it rather than read it once.
    await expect.poll(() => page.getByTestId('approvals-count').textContent(), { timeout: 10_000 }).toBe('1')
    await page.getByTestId('go-approve').click()
    const item = page.getByTestId('approval-item')
    await expect.poll(() => item.getAttribute('data-focus'), { timeout: 10_000 }).toBe('true')
    await item.getByTestId('approval-preview').locator('h1').waitFor()
    expect(await item.getByTestId('approval-preview').innerText()).not.toMatch(JSON_ON_SCREEN)
    await screenshot(page, 'newsroom-approval')
    const headline = await item.getByTestId('approval-preview').locator('h1').innerText()
    await item.getByTestId('approve').click()
    const pageLink = page.getByTestId('approval-open-page')
    await pageLink.waitFor({ timeout: 15_000 })
    await expect.poll(() => page.getByTestId('approvals-count').count(), { timeout: 10_000 }).toBe(0)

    // 7. The published page, at its full address, shows the approved article as a reader sees it.
    const href = await pageLink.getAttribute('href')
    expect(href?.startsWith(`${server.url}/p/`)).toBe(true)
    const reader = await page.context().newPage()
    await reader.goto(href as string)
    await expect(reader.locator('h1').first().innerText()).resolves.toBe(headline)
    expect(await reader.locator('body').innerText()).not.toMatch(JSON_ON_SCREEN)
    await screenshot(reader, 'newsroom-published-page')
    await reader.close()
    expect(errors).toEqual([])
  }, 120_000)

  it('counts a draft that reaches 审核 from elsewhere while the editor stays open on another page', async () => {
    const { server } = session
    await page.goto(`${server.url}/#/flows`)
    await page.getByTestId('flow-list').waitFor()
    expect(await page.getByTestId('approvals-count').count()).toBe(0)
    // A run the screen knows nothing about, started through the API by a colleague's script.
    const flows = (await (await page.request.get(`${server.url}/api/flows`)).json()) as {
      items: { id: string; name: string }[]
    }
    const flow = flows.items.find((f) => f.name.includes('通稿改写'))
    expect(flow).toBeDefined()
    const started = await page.request.post(`${server.url}/api/flows/${flow?.id}/runs`, {
      data: { input: { release: '东莞今日发布暴雨蓝色预警。', source: '东莞市气象台' } },
    })
    expect(started.status()).toBeLessThan(300)
    // Coming back to the window reads the count again, as does the half-minute poll.
    await expect
      .poll(
        async () => {
          await page.evaluate(() => window.dispatchEvent(new Event('focus')))
          return page.getByTestId('approvals-count').count()
        },
        { timeout: 20_000 },
      )
      .toBe(1)
    expect(session.errors).toEqual([])
  })
})
