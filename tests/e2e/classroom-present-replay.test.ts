import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { demoSummaryFlow } from './support/demo-summary-flow.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'
import { ROOT } from './support/ensure-editor-built.ts'
import type { RunningServer } from './support/start-server.ts'
import { sawIt, untilSeen, watchFor } from './support/watch-for.ts'

let editor: EditorSession
let server: RunningServer
let page: Page
let errors: string[]
let flowUrl = ''

const lesson = demoSummaryFlow('课堂演示')
/** The widest template (seven steps in a row): the hardest flow to fit on a projector at a readable size. */
const longLesson = (
  JSON.parse(readFileSync(join(ROOT, 'templates/gov-service-qa.json'), 'utf8')) as {
    flow: { nodes: unknown[] }
  }
).flow

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ server, page, errors } = editor)
  page.setDefaultTimeout(15_000)
}, 180_000)
afterAll(() => closeEditor(editor))

/** The chat node shown running with streamed text in `streamSelector`, watched for from before the replay starts. */
const watchForChatStream = (streamSelector: string) =>
  watchFor(page, 'chatStream', [
    { selector: '[data-testid="node-chat"][data-status="running"]' },
    { selector: streamSelector, withText: true },
  ])

/** Resolves once the chat node has finished, having been seen running with streamed text. */
async function chatStreamedThenFinished() {
  await page.locator('[data-testid="node-chat"][data-status="succeeded"]').waitFor({ timeout: 20_000 })
  await expect(sawIt(page, 'chatStream')).resolves.toBe(true)
}

/** The run bar's "replaying" mark, watched for from before the replay starts: at 2× or 4× it may show briefly. */
const watchForReplaying = () => watchFor(page, 'replaying', [{ selector: '[data-testid="replaying"]' }])

/** Resolves once the replay watched for has been seen playing and has ended. */
async function replayEnded() {
  await untilSeen(page, 'replaying', { timeout: 20_000 })
  await page.getByTestId('replaying').waitFor({ state: 'detached', timeout: 20_000 })
}

/**
 * The presenter canvas once React Flow has fitted it and drawn a frame at that zoom: each title's size as the screen
 * shows it (its font size times the canvas's zoom, not its line box, which line height and wrapping make taller),
 * the nodes lying outside the canvas, and the pairs of nodes less than 8 px apart (their edges hidden).
 */
async function fittedPresenterView() {
  // The seven-step lesson fits below zoom 1: any other zoom means React Flow has measured and fitted it.
  await page.waitForFunction(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')
    return viewport !== null && new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a !== 1
  })
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a
    const canvas = (document.querySelector('.react-flow') as HTMLElement).getBoundingClientRect()
    const nodes = [...document.querySelectorAll<HTMLElement>('.fnode')].map((el) => ({
      id: el.dataset.testid ?? '',
      box: el.getBoundingClientRect(),
    }))
    const apart = (a: DOMRect, b: DOMRect) =>
      a.right + 8 <= b.left || b.right + 8 <= a.left || a.bottom + 8 <= b.top || b.bottom + 8 <= a.top
    return {
      titles: [...document.querySelectorAll('.fnode__title')].map((el) => ({
        text: el.textContent ?? '',
        px: Math.round(Number.parseFloat(getComputedStyle(el).fontSize) * zoom * 10) / 10,
      })),
      outside: nodes
        .filter(
          ({ box }) =>
            box.left < canvas.left ||
            box.right > canvas.right ||
            box.top < canvas.top ||
            box.bottom > canvas.bottom,
        )
        .map((n) => n.id),
      touching: nodes.flatMap((a, i) =>
        nodes
          .slice(i + 1)
          .filter((b) => !apart(a.box, b.box))
          .map((b) => `${a.id}/${b.id}`),
      ),
    }
  })
}

describe('classroom: presenter view and replay', () => {
  it('shows a run in presenter view: large titles, the running node and its streamed text beside it', async () => {
    await page.goto(`${server.url}/#/flows`)
    await page.getByTestId('import-file').setInputFiles({
      name: 'lesson.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(lesson)),
    })
    await page.getByTestId('node-chat').waitFor()
    flowUrl = page.url()
    await selectNode(page, 'chat')
    await page.getByTestId('tab-run').click()
    await page.getByTestId('open-run').click()
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor()
    await page.getByTestId('presenter-on').click()
    await page.getByTestId('presenter').waitFor()
    await expect(page.locator('.toolbar').count()).resolves.toBe(0)
    await expect(page.locator('.app-header').isVisible()).resolves.toBe(false)
    // The run moves the view as a live one does; replayed at half speed, it is slow enough to watch.
    await page.getByTestId('replay-speed').selectOption('0.5')
    await page.getByTestId('replay').click()
    await page.waitForFunction(() => {
      const status = document.querySelector('[data-testid="node-chat"]')?.getAttribute('data-status')
      const text = document.querySelector('[data-testid="presenter-text"]')?.textContent ?? ''
      return status === 'running' && text.length > 20
    })
    await expect(page.getByTestId('presenter-node').textContent()).resolves.toBe('写摘要')
    await screenshot(page, 'presenter-1280x720')
    await page.locator('[data-testid="node-chat"][data-status="succeeded"]').waitFor()
    await expect(page.getByTestId('presenter-node').textContent()).resolves.toBe('写摘要')
    // The caption is the node definition's description, in plain words.
    await expect(page.getByTestId('presenter-caption').textContent()).resolves.toMatch(/模型/)

    // F5 switches presenter view off and on again instead of reloading the page.
    await page.keyboard.press('F5')
    await page.locator('.toolbar').waitFor()
    await page.keyboard.press('F5')
    await page.getByTestId('presenter').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('.toolbar').waitFor()
    // So does a link followed inside the app, from the flow list: only the hash changes, the page does not reload.
    const lessonHash = new URL(page.url()).hash.split('?')[0]
    await page.goto(`${server.url}/#/flows`)
    await page.getByTestId('new-flow').first().waitFor()
    await page.goto(`${server.url}/${lessonHash}?present=1`)
    await page.getByTestId('presenter').waitFor()
    await page.keyboard.press('Escape')
    await page.locator('.toolbar').waitFor()

    // A seven-step lesson, fitted to a 1920×1080 screen: every title shows at 28 px or more.
    await page.goto(`${server.url}/#/flows`)
    await page.getByTestId('import-file').setInputFiles({
      name: 'gov-service-qa.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(longLesson)),
    })
    await page.locator('.fnode').first().waitFor()
    // A fresh page load with `?present=1` opens straight into presenter view.
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.goto(`${server.url}/?present=1${new URL(page.url()).hash}`)
    await page.getByTestId('presenter').waitFor()
    await expect(page.locator('.fnode').count()).resolves.toBe(longLesson.nodes.length)
    const shown = await fittedPresenterView()
    expect(shown.outside).toEqual([])
    expect(shown.touching).toEqual([])
    expect(shown.titles).toHaveLength(longLesson.nodes.length)
    expect(shown.titles.filter((t) => t.px < 28)).toEqual([])
    await screenshot(page, 'presenter-1920x1080')
    await page.keyboard.press('Escape')
    await page.locator('.toolbar').waitFor()
    await page.setViewportSize({ width: 1280, height: 720 })
    expect(errors).toEqual([])
  }, 60_000)

  it('replays the stored run at 2× with badges and streamed text, asking the server for nothing but the run', async () => {
    const runs = await page.evaluate(async () => {
      const res = await fetch('/api/runs?limit=1')
      return (await res.json()) as { items: { id: string }[] }
    })
    const runId = runs.items[0]?.id ?? ''
    await page.goto(`${flowUrl}/runs/${runId}`)
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor()
    await selectNode(page, 'chat')
    await page.getByTestId('replay-speed').selectOption('2')
    const requests: string[] = []
    page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`))
    await watchForChatStream('.inspect__stream')
    await watchForReplaying()
    await page.getByTestId('replay').click()
    // The stored run shows the chat node finished already: wait for the replay to have begun before waiting for that.
    await untilSeen(page, 'replaying')
    await chatStreamedThenFinished()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor()
    await replayEnded()
    // Nothing ran: one read of the stored run, no new run, no event stream, nothing sent (the header's polls of
    // the approvals inbox go on as on any page).
    const runRequests = requests.filter((r) => r.includes('/runs') || !r.startsWith('GET '))
    expect(runRequests).toEqual([`GET /api/runs/${runId}`])
    await screenshot(page, 'replay-2x')
    expect(errors).toEqual([])
  }, 60_000)

  it('exports the run with its flow as one file, which imports as a new flow ready to replay', async () => {
    const runId = (await page.locator('.runbar__id').textContent()) ?? ''
    const file = await page.evaluate(async (id) => {
      const runs = (await (await fetch('/api/runs?limit=1')).json()) as { items: { id: string }[] }
      const full = runs.items.find((r) => r.id.startsWith(id))?.id ?? ''
      return (await fetch(`/api/runs/${full}/export`)).text()
    }, runId)
    await page.goto(`${server.url}/#/flows`)
    await page.getByTestId('import-file').setInputFiles({
      name: 'run.zhiliu-run.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    })
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor()
    expect(page.url()).not.toBe(flowUrl)
    await page.getByTestId('replay-speed').selectOption('4')
    await watchForReplaying()
    await page.getByTestId('replay').click()
    await replayEnded()
    await expect(page.locator('[data-testid="node-chat"]').getAttribute('data-status')).resolves.toBe(
      'succeeded',
    )
    expect(errors).toEqual([])
  }, 60_000)
})
