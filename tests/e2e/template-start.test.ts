import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { canvasLayout, tidy } from './support/canvas-layout.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

const quiz = JSON.parse(
  readFileSync(new URL('../../templates/training-quiz.json', import.meta.url), 'utf8'),
) as {
  sampleInput: { title: string; course: string }
}

let session: EditorSession

beforeAll(async () => {
  session = await openSignedInEditor()
}, 180_000)

afterAll(() => closeEditor(session))

async function startFrom(page: Page, title: string) {
  await page.goto(`${session.server.url}/#/flows`)
  await page.getByTestId('new-flow').first().click()
  await page.getByText(title, { exact: true }).click()
  await page.getByTestId('create-flow').click()
  await page.locator('.react-flow__node').first().waitFor()
}

describe('starting from a template', () => {
  it('fills the new flow’s Run form with the input the template’s demo answers were written for', async () => {
    const { page, errors } = session
    await startFrom(page, '培训测验')
    await page.getByTestId('open-run').click()
    const dialog = page.getByTestId('run-dialog')
    await expect(dialog.getByLabel(/课程名称/).inputValue()).resolves.toBe(quiz.sampleInput.title)
    await expect(dialog.getByLabel(/课程内容/).inputValue()).resolves.toBe(quiz.sampleInput.course)
    await page.keyboard.press('Escape')
    expect(errors).toEqual([])
  })

  it('names the copy in Chinese and shows every node, apart, with arrows, on a projector and on a big screen', async () => {
    const { page, errors } = session
    await startFrom(page, '数据分析报告')
    const name = page.getByTestId('flow-name')
    await expect(name.inputValue()).resolves.toBe('数据分析报告')
    await expect(name.getAttribute('title')).resolves.toBe('数据分析报告')
    // React Flow draws the edges a frame after the nodes, once it has measured them.
    await page.locator('.react-flow__edge path.fedge').first().waitFor({ state: 'attached' })
    const markers = await page
      .locator('.react-flow__edge path.fedge')
      .evaluateAll((els) => els.map((el) => el.getAttribute('marker-end')))
    expect(markers.length).toBeGreaterThan(0)
    for (const m of markers) expect(m).toContain('fedge-arrow')

    // A projector plugged in: the canvas fits the flow again, clear of the mini map.
    for (const [width, height] of [
      [1024, 768],
      [1920, 1080],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height })
      await expect.poll(() => canvasLayout(page), { timeout: 10_000 }).toEqual(tidy)
      await screenshot(page, `template-${width}x${height}`)
    }
    await page.setViewportSize({ width: 1280, height: 720 })
    await expect.poll(() => canvasLayout(page), { timeout: 10_000 }).toEqual(tidy)
    // A step's settings open beside the canvas and narrow it: the flow is fitted into what is left.
    await page.locator('.react-flow__node').first().click()
    await page.getByTestId('config-panel').waitFor()
    await expect.poll(() => canvasLayout(page), { timeout: 10_000 }).toEqual(tidy)
    await screenshot(page, 'template-with-panel')
    expect(errors).toEqual([])
  })

  it('shows the result as formatted text with the published page as a link, and the JSON one click away', async () => {
    const { page, errors } = session
    await page.getByTestId('open-run').click()
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 30_000 })
    // The run bar takes the bottom of the window: the flow is fitted above it, every step still in sight.
    await expect.poll(() => canvasLayout(page), { timeout: 10_000 }).toEqual(tidy)
    const output = page.getByTestId('run-output')
    // The report is Markdown: rendered, not shown as source; no JSON on screen.
    await output.locator('h1, h2, h3, table, ul, strong').first().waitFor()
    await expect(output.textContent()).resolves.not.toMatch(/[{}]|\*\*/)
    const link = output.locator('a.result__link')
    const href = await link.getAttribute('href')
    expect(href?.startsWith(`${session.server.url}/p/`)).toBe(true)
    await expect(link.getAttribute('target')).resolves.toBe('_blank')
    await screenshot(page, 'run-result-formatted')

    await page.getByTestId('run-output-toggle').click()
    await expect(page.getByTestId('run-output-json').textContent()).resolves.toContain('report')
    await page.getByTestId('run-output-toggle').click()
    await output.waitFor()
    expect(errors).toEqual([])
  })
})
