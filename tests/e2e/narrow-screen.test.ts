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
  await page.setViewportSize({ width: 1024, height: 768 })
}, 180_000)

afterAll(() => closeEditor(session))

/** How many lines each element's text takes on screen (a label wrapped 流 over 程 takes two). */
const linesOf = (selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const range = document.createRange()
      range.selectNodeContents(el)
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
      return { text: el.textContent?.trim() ?? '', lines: tops.size }
    }),
  )

/** Whether the toolbar is one row: every visible item crosses one horizontal line. */
const toolbarRows = () =>
  page.locator('.toolbar > *').evaluateAll((els) => {
    const boxes = els.map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0)
    return Math.max(...boxes.map((r) => r.top)) < Math.min(...boxes.map((r) => r.bottom)) ? 1 : 2
  })

/** The size each node's title is drawn at on screen, in pixels: its font size times the canvas zoom. */
const titleSizes = () =>
  page.locator('.fnode__title').evaluateAll((els) =>
    els.map((el) => {
      const fontSize = Number.parseFloat(getComputedStyle(el).fontSize)
      return Math.round((fontSize * el.getBoundingClientRect().height) / (el as HTMLElement).offsetHeight)
    }),
  )

describe('the editor on a 1024×768 projector, in Chinese', () => {
  it('keeps every menu label on one line', async () => {
    await page.goto(`${session.server.url}/#/flows`)
    await page.getByTestId('new-flow').first().waitFor()
    const labels = await linesOf('.app-header nav a, .app-header__brand')
    expect(labels.map((l) => l.text)).toContain('流程')
    for (const label of labels) expect(label, label.text).toMatchObject({ lines: 1 })
    await screenshot(page, 'narrow-1024x768-flows')
  })

  it('opens a seven-step template with the toolbar on one row and every node shown apart, large enough to read', async () => {
    await page.getByTestId('new-flow').first().click()
    await page.getByRole('dialog').getByText('政务服务问答', { exact: true }).click()
    await page.getByTestId('create-flow').click()
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 10_000 }).toBe(7)
    await expect.poll(() => canvasLayout(page), { timeout: 10_000 }).toEqual(tidy)

    expect(await toolbarRows()).toBe(1)
    // Labels folded into icons keep their names, for screen readers and as tooltips.
    for (const name of ['自动排列', '导出', '演示模式', '分享给学员']) {
      const button = page.getByRole('button', { name, exact: true })
      await expect(button.isVisible(), name).resolves.toBe(true)
      await expect(button.getAttribute('title'), name).resolves.toMatch(new RegExp(`^${name}`))
    }
    // About 9.6 pixels: the same flow in one row was drawn at about a third of its size (titles of 5 pixels).
    const sizes = await titleSizes()
    expect(sizes).toHaveLength(7)
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(9)
    await screenshot(page, 'narrow-1024x768-gov-service-qa')
    expect(session.errors).toEqual([])
  })
  it("gives the palette's room to a step's settings, the palette one click away", async () => {
    const palette = page.locator('.palette')
    await expect(palette.isVisible()).resolves.toBe(true)
    await selectNode(page, 'draft')
    // 1024 − 350 pixels of settings: the canvas keeps two thirds of the screen instead of under half.
    await expect.poll(() => palette.isVisible()).toBe(false)
    const canvas = await page.locator('.react-flow').boundingBox()
    expect(canvas?.width).toBeGreaterThan(600)
    await expect.poll(() => canvasLayout(page), { timeout: 10_000 }).toEqual(tidy)
    await screenshot(page, 'narrow-1024x768-settings')

    const toggle = page.getByTestId('toggle-palette')
    await expect(toggle.textContent()).resolves.toBe('▶ 节点库')
    await toggle.click()
    await expect.poll(() => palette.isVisible()).toBe(true)
    await expect(page.getByTestId('config-panel').isVisible()).resolves.toBe(true)
    await expect(toggle.textContent()).resolves.toBe('◀ 收起节点库')
    expect(session.errors).toEqual([])
  })
})
