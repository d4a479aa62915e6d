/**
 * Editor figures for `npm run bench` (wired in bench/run.ts as `['editor', benchEditor]`): measured in a real
 * Chromium against the real server. Benchmarks measure; the e2e tests assert.
 * - the gzip size of the JavaScript the first page load needs (target < 500 KB);
 * - the time from opening a 500-node flow until it is drawn (target < 1.5 s);
 * - the time from pressing on a node and moving the mouse until the node has moved on screen.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { FlowInput } from '@zhiliu/nodes'
import { launchBrowser } from './support/browser.ts'
import { OWNER } from './support/editor-actions.ts'
import { ensureEditorBuilt, ROOT } from './support/ensure-editor-built.ts'
import { startServer } from './support/start-server.ts'

const DIST = join(ROOT, 'apps/editor/dist')

/** Scripts index.html loads or preloads: what stands between a click on a bookmark and a working editor. */
export function initialJsGzipBytes(): number {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string)
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0)
}

/** 500 template nodes in rows of 20, each reading the one before: a big flow, as the issue asks. */
export function bigFlow(count: number): FlowInput {
  const nodes: FlowInput['nodes'] = [
    { id: 'start', type: 'trigger.manual', version: 1, position: { x: 0, y: 0 } },
  ]
  const edges: FlowInput['edges'] = []
  for (let i = 1; i < count; i++) {
    const previous = i === 1 ? 'start' : `n${i - 1}`
    nodes.push({
      id: `n${i}`,
      type: 'text.template',
      version: 1,
      position: { x: (i % 20) * 280, y: Math.floor(i / 20) * 160 },
      config: { template: i === 1 ? '{{ trigger.body.title }}' : `{{ nodes.${previous}.text }}!` },
    })
    edges.push({ id: `e${i}`, source: previous, target: `n${i}` })
  }
  return { schemaVersion: 1, name: `bench ${count}`, nodes, edges }
}

async function signUp(url: string): Promise<string> {
  const res = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  })
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!res.ok || !cookie) throw new Error(`setup failed: ${res.status}`)
  return cookie
}

export async function benchEditor(): Promise<string[]> {
  await ensureEditorBuilt()
  const gzip = initialJsGzipBytes()
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const cookie = await signUp(server.url)
    const created = await fetch(`${server.url}/api/flows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(bigFlow(500)),
    })
    const { id } = (await created.json()) as { id: string }
    const [name, value] = cookie.split('=') as [string, string]
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })
    await context.addCookies([{ name, value, url: server.url }])
    const page = await context.newPage()
    // Warm the HTTP cache and the server's catalogue once, as a returning visitor would have.
    await page.goto(`${server.url}/#/flows`)
    await page.getByTestId('new-flow').first().waitFor()

    const opened = Date.now()
    await page.goto(`${server.url}/#/flows/${id}`)
    await page.locator('.react-flow__node').first().waitFor()
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    const renderMs = Date.now() - opened
    const drawn = await page.locator('.react-flow__node').count()

    // Whichever node is drawn in the middle of the view: the flow opens fitted, not at its first node.
    const target = page.locator('.react-flow__node').nth(Math.floor(drawn / 2))
    const testId = (await target.getAttribute('data-testid')) ?? ''
    const box = await target.boundingBox()
    if (!box) throw new Error('no node on screen')
    const before = await target.getAttribute('style')
    const pressed = Date.now()
    await page.mouse.move(box.x + 40, box.y + 15)
    await page.mouse.down()
    await page.mouse.move(box.x + 120, box.y + 60, { steps: 2 })
    await page.waitForFunction(
      ([sel, old]) => document.querySelector(`[data-testid="${sel}"]`)?.getAttribute('style') !== old,
      [testId, before] as const,
    )
    const dragMs = Date.now() - pressed
    await page.mouse.up()
    return [
      `editor  initial JS ${(gzip / 1024).toFixed(0)} KB gzip (target < 500 KB)`,
      `editor  500-node flow drawn in ${renderMs} ms (target < 1500 ms; ${drawn} nodes in view, the rest drawn on scroll)`,
      `editor  drag on the 500-node flow answered in ${dragMs} ms`,
    ]
  } finally {
    await browser.close()
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchEditor()) console.log(line)
