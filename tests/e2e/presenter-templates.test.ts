import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'
import { ROOT } from './support/ensure-editor-built.ts'

let editor: EditorSession
let page: Page
/** Each template's flow, imported once: its address in the editor. */
const imported = new Map<string, string>()

/** Every template, as an instructor would project it; product-marketing's branches stack two nodes in a column. */
const templates: { slug: string; flow: { nodes: { id: string; position: { x: number; y: number } }[] } }[] =
  readdirSync(join(ROOT, 'templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      slug: f.replace(/\.json$/, ''),
      flow: JSON.parse(readFileSync(join(ROOT, 'templates', f), 'utf8')).flow,
    }))
const screens = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]

beforeAll(async () => {
  editor = await openSignedInEditor()
  page = editor.page
  page.setDefaultTimeout(15_000)
  for (const { slug, flow } of templates) {
    await page.goto(`${editor.server.url}/#/flows`)
    await page.getByTestId('import-file').setInputFiles({
      name: `${slug}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(flow)),
    })
    await page.locator('.fnode').first().waitFor()
    imported.set(slug, new URL(page.url()).hash)
  }
}, 180_000)
afterAll(() => closeEditor(editor))

/**
 * The presenter canvas once it has settled: what the screen shows of each node (its box, and its title's font size
 * times the canvas's zoom) and of the canvas. Settled means two frames apart with the same boxes, so a layout or a
 * fit still under way is not measured half done.
 */
async function settledPresenterView() {
  // React Flow shows the nodes at zoom 1 until it has measured and fitted them; no template fits at exactly 1.
  await page.waitForFunction(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')
    return viewport !== null && new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a !== 1
  })
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
    const read = () => {
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement
      const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a
      const nodes = [...document.querySelectorAll<HTMLElement>('.fnode')].map((el) => {
        const r = el.getBoundingClientRect()
        const title = el.querySelector('.fnode__title') as HTMLElement
        return {
          id: el.dataset.testid ?? '',
          box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
          titlePx: Math.round(Number.parseFloat(getComputedStyle(title).fontSize) * zoom * 10) / 10,
        }
      })
      const c = (document.querySelector('.react-flow') as HTMLElement).getBoundingClientRect()
      return { nodes, canvas: { left: c.left, right: c.right, top: c.top, bottom: c.bottom } }
    }
    let last = ''
    for (let i = 0; i < 600; i++) {
      await frame()
      await frame()
      const now = JSON.stringify(read())
      if (now === last) break
      last = now
    }
    return read()
  })
}

type Box = { left: number; right: number; top: number; bottom: number }
/** At least 8 px between two boxes, enough for the edge between them to show. */
const apart = (a: Box, b: Box) =>
  a.right + 8 <= b.left || b.right + 8 <= a.left || a.bottom + 8 <= b.top || b.bottom + 8 <= a.top
const inside = (a: Box, c: Box) =>
  a.left >= c.left && a.right <= c.right && a.top >= c.top && a.bottom <= c.bottom

describe('presenter view of every template', () => {
  for (const screen of screens) {
    it(`at ${screen.width}×${screen.height}: no node touches another, all in view, titles ≥ 28 px`, async () => {
      await page.setViewportSize(screen)
      const problems: string[] = []
      for (const { slug, flow } of templates) {
        await page.goto(`${editor.server.url}/?present=1${imported.get(slug)}`)
        await page.getByTestId('presenter').waitFor()
        await page
          .locator('.fnode')
          .nth(flow.nodes.length - 1)
          .waitFor()
        const { nodes, canvas } = await settledPresenterView()
        for (const [i, a] of nodes.entries()) {
          if (!inside(a.box, canvas)) problems.push(`${slug}: ${a.id} out of view`)
          if (a.titlePx < 28) problems.push(`${slug}: ${a.id} title ${a.titlePx} px`)
          for (const b of nodes.slice(i + 1))
            if (!apart(a.box, b.box)) problems.push(`${slug}: ${a.id} touches ${b.id}`)
        }
        if (slug === 'product-marketing' || slug === 'gov-service-qa')
          await screenshot(page, `presenter-${slug}-${screen.width}x${screen.height}`)
      }
      expect(problems).toEqual([])
      expect(editor.errors).toEqual([])
    }, 180_000)
  }

  it('draws its own layout only: back in the editor, the nodes stand where the flow stores them', async () => {
    const flow = templates.find((t) => t.slug === 'product-marketing')?.flow
    if (!flow) throw new Error('templates/product-marketing.json is missing')
    await page.goto(`${editor.server.url}/?present=1${imported.get('product-marketing')}`)
    await page.getByTestId('presenter').waitFor()
    await settledPresenterView()
    await page.keyboard.press('Escape')
    await page.locator('.toolbar').waitFor()
    const shown = await page.locator('.react-flow__node').evaluateAll((els) =>
      els.map((el) => {
        const m = new DOMMatrixReadOnly(getComputedStyle(el).transform)
        return { id: (el as HTMLElement).dataset.id ?? '', position: { x: m.e, y: m.f } }
      }),
    )
    expect(shown.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      flow.nodes.map((n) => ({ id: n.id, position: n.position })).sort((a, b) => a.id.localeCompare(b.id)),
    )
  }, 60_000)
})
