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
  await createBlankFlow(page, '画布操作')
}, 180_000)

afterAll(() => closeEditor(editor))

// A key press is answered on React's next render: under load that can be after the next line runs, so each check
// waits for the canvas to settle on what it expects.
const settled = { timeout: 10_000 }
const nodeIds = () =>
  page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')).sort())
const press = (keys: string) => page.keyboard.press(keys)
// Ctrl+C copies what the canvas has selected (selectNode clicks until the node shows as selected).
const select = (id: string) => selectNode(page, id)
const box = async (id: string) => {
  const b = await page.getByTestId(`node-${id}`).boundingBox()
  if (!b) throw new Error(`node ${id} not on screen`)
  return b
}
const apart = async (a: string, b: string) => {
  const [p, q] = [await box(a), await box(b)]
  return p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y
}

describe('editing on the canvas with mouse and keyboard', () => {
  it('adds nodes with a click on the palette, and searches it in either language', async () => {
    await page.getByTestId('palette-trigger.manual').click()
    await page.getByRole('searchbox').fill('template')
    await expect.poll(() => page.locator('.palette__item').count(), settled).toBe(1)
    await page.getByTestId('palette-text.template').click()
    await page.getByRole('searchbox').fill('模板')
    await expect.poll(() => page.locator('.palette__item').count(), settled).toBe(1)
    await page.getByRole('searchbox').fill('')
    await expect.poll(nodeIds, settled).toEqual(['manual_1', 'template_1'])
  })

  it('tidies the nodes up with auto-layout, left to right along the connection', async () => {
    await connect(page, 'manual_1', 'template_1')
    await page.getByRole('button', { name: '自动排列' }).click()
    // The layout is computed off the main thread and then animated: wait for where the nodes settle, not a time.
    const placement = async () => {
      const trigger = await page.getByTestId('node-manual_1').boundingBox()
      const template = await page.getByTestId('node-template_1').boundingBox()
      if (!trigger || !template) return undefined
      return {
        rightOfTrigger: template.x > trigger.x + trigger.width,
        sameRow: Math.abs(trigger.y - template.y) < 30,
      }
    }
    await expect.poll(placement, { timeout: 10_000 }).toEqual({ rightOfTrigger: true, sameRow: true })
    // Room for the arrowhead between them.
    const gap = async () =>
      (await box('template_1')).x - ((await box('manual_1')).x + (await box('manual_1')).width)
    await expect.poll(gap).toBeGreaterThan(40)
  })

  it('copies, pastes, undoes, redoes and deletes with the usual keys', async () => {
    await select('template_1')
    await press('Control+c')
    await press('Control+v')
    await expect.poll(nodeIds, settled).toEqual(['manual_1', 'template_1', 'template_2'])
    // The copy lands clear of the original and of every other node.
    await expect.poll(() => apart('template_2', 'template_1'), settled).toBe(true)
    await expect.poll(() => apart('template_2', 'manual_1'), settled).toBe(true)
    await press('Control+z')
    await expect.poll(nodeIds, settled).toEqual(['manual_1', 'template_1'])
    await press('Control+Shift+z')
    await expect.poll(nodeIds, settled).toEqual(['manual_1', 'template_1', 'template_2'])
    await select('template_2')
    await press('Delete')
    await expect.poll(nodeIds, settled).toEqual(['manual_1', 'template_1'])
    await screenshot(page, 'canvas-editing')
  })

  it('puts a node dropped onto another beside it, not on top', async () => {
    const pane = await page.locator('.react-flow__pane').boundingBox()
    const target = await box('template_1')
    if (!pane) throw new Error('no canvas')
    await dropNode(page, 'text.template', target.x - pane.x + 40, target.y - pane.y + 20)
    await expect.poll(nodeIds, settled).toEqual(['manual_1', 'template_1', 'template_2'])
    await expect.poll(() => apart('template_2', 'template_1'), settled).toBe(true)
    await expect.poll(() => apart('template_2', 'manual_1'), settled).toBe(true)
    await press('Control+z')
    await expect.poll(nodeIds, settled).toEqual(['manual_1', 'template_1'])
  })

  it('keeps typing in a field out of the canvas shortcuts', async () => {
    await select('template_1')
    const field = page.getByTestId('input-template')
    await field.fill('第一版')
    await field.press('Control+a')
    await field.press('Delete')
    await expect(field.inputValue()).resolves.toBe('')
    await expect.poll(nodeIds, settled).toEqual(['manual_1', 'template_1'])
  })
})
