import type { Page } from 'playwright-core'

interface Box {
  x: number
  y: number
  width: number
  height: number
}
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height

/** What a person sees of the canvas: every node whole inside it, none on another, none under the mini map. */
export async function canvasLayout(page: Page) {
  const canvas = await page.locator('.react-flow').boundingBox()
  const minimap = await page.locator('.react-flow__minimap').boundingBox()
  const nodes = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect()
      return { x: r.x, y: r.y, width: r.width, height: r.height }
    }),
  )
  if (!canvas || !minimap) return undefined
  const left = Math.min(...nodes.map((n) => n.x))
  const right = Math.max(...nodes.map((n) => n.x + n.width))
  return {
    // Fitted to the screen it is on, not left small after the window grew.
    fillsWidth: (right - left) / canvas.width > 0.6,
    allShown: nodes.every((n) => inside(n, canvas)),
    noneUnderMinimap: nodes.every((n) => !intersects(n, minimap)),
    noOverlap: nodes.every((a, i) => nodes.every((b, j) => i === j || !intersects(a, b))),
  }
}
export const tidy = { fillsWidth: true, allShown: true, noneUnderMinimap: true, noOverlap: true }
