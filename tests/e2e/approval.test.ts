import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'
import type { RunningServer } from './support/start-server.ts'

let editor: EditorSession
let server: RunningServer
let page: Page
let errors: string[]

const node = (id: string, type: string, x: number, y: number, config: Record<string, unknown> = {}) => ({
  id,
  type,
  version: 1,
  name: '',
  position: { x, y },
  config,
})

/** trigger → 审核 → approved: the published text / rejected: a note. */
const reviewFlow = {
  schemaVersion: 1,
  name: '快讯审核',
  nodes: [
    node('t', 'trigger.manual', 0, 0, { inputSchema: [{ name: 'text', type: 'string', required: true }] }),
    node('review', 'flow.approval', 300, 0, { title: '快讯待审', content: '{{ trigger.body.text }}' }),
    node('publish', 'text.template', 600, -80, { template: '发布：{{ nodes.review.content }}' }),
    node('note', 'text.template', 600, 120, { template: '退回：{{ nodes.review.comment }}' }),
    node('send', 'publish.wecom', 900, -80, {
      msgtype: 'markdown',
      content: '**快讯** {{ nodes.review.content }}',
    }),
    node('page', 'publish.page', 900, 80, {
      title: '快讯',
      slug: 'kuaixun',
      body: '{{ nodes.review.content }}',
    }),
  ],
  edges: [
    { id: 'e1', source: 't', sourcePort: 'out', target: 'review', targetPort: 'in' },
    { id: 'e2', source: 'review', sourcePort: 'approved', target: 'publish', targetPort: 'in' },
    { id: 'e3', source: 'review', sourcePort: 'rejected', target: 'note', targetPort: 'in' },
    { id: 'e4', source: 'publish', sourcePort: 'out', target: 'send', targetPort: 'in' },
    { id: 'e5', source: 'publish', sourcePort: 'out', target: 'page', targetPort: 'in' },
  ],
  settings: { concurrency: 8 },
}

// A model's draft may carry markup; the inbox must show it as text, never run it.
const MARKUP = '<img src=x onerror="window.__pwned=1">'
const DRAFT = `台风今晚登陆 ${MARKUP}`

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ server, page, errors } = editor)
}, 180_000)

afterAll(() => closeEditor(editor))

describe('editorial approval', () => {
  it('pauses the run at the approval, then an edit-and-approve in the inbox finishes it', async () => {
    await page.getByTestId('import-file').setInputFiles({
      name: 'review.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(reviewFlow)),
    })
    await page.getByTestId('node-review').waitFor()
    // No WeCom bot in class: the send step goes to the built-in demo receiver instead.
    await selectNode(page, 'send')
    await page.getByTestId('input-credential').selectOption('demo-receiver')
    await page.getByTestId('node-problem-send').waitFor({ state: 'detached' })
    await page.getByTestId('open-run').click()
    await page.getByTestId('run-field-text').fill(DRAFT)
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="waiting"]').waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('node-review').getAttribute('data-status')).resolves.toBe('approval')
    await expect(page.getByTestId('node-publish').getAttribute('data-status')).resolves.not.toBe('succeeded')

    // The waiting run leads to 审核, which counts what waits there.
    await page.getByTestId('approvals-count').waitFor()
    await expect(page.getByTestId('approvals-count').textContent()).resolves.toBe('1')
    await page.getByTestId('go-approve').click()
    const item = page.getByTestId('approval-item')
    await item.waitFor()
    // It opens on this run's draft, marked, not on the list alone.
    await expect(item.getAttribute('data-focus')).resolves.toBe('true')
    // HTML in a draft shows as the text it is; Markdown shows formatted, as the reader will see it.
    await item.getByTestId('approval-preview').locator('p').waitFor()
    await expect(item.getByTestId('approval-preview').textContent()).resolves.toBe(DRAFT)
    await expect(item.getByTestId('approval-preview').locator('img').count()).resolves.toBe(0)
    await item.getByTestId('approval-content').fill('## 快讯\n\n**台风**今晚登陆')
    await expect(item.getByTestId('approval-preview').locator('h2').textContent()).resolves.toBe('快讯')
    await expect(item.getByTestId('approval-preview').locator('strong').textContent()).resolves.toBe('台风')
    await item.getByTestId('approval-content').fill(`台风今晚登陆浙江 ${MARKUP}`)
    await screenshot(page, 'approval-inbox')
    await item.getByTestId('approve').click()
    await page.getByTestId('approval-notice').waitFor()
    // Once the run has gone on, the notice also leads to the page it published, by its full address.
    await expect(page.getByTestId('approval-open-page').getAttribute('href')).resolves.toBe(
      `${server.url}/p/kuaixun`,
    )
    await expect(item.count()).resolves.toBe(0)
    await expect(page.evaluate(() => '__pwned' in window)).resolves.toBe(false)

    // After deciding, the notice leads straight to the run.
    await page.getByTestId('approval-open-run').click()
    // The run may still be finishing when the page opens it: a run opened while it goes on keeps updating (its
    // events are followed to the end), so the page itself shows it end.
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('node-send').getAttribute('data-status')).resolves.toBe('succeeded')
    await expect(page.getByTestId('node-review').getAttribute('data-status')).resolves.toBe('succeeded')
    await screenshot(page, 'approval')

    // The message the send step kept shows on the demo receiver page, labelled, as text.
    await page.goto(`${server.url}/#/demo`)
    const message = page.getByTestId('demo-message').first()
    await message.waitFor()
    await expect(message.textContent()).resolves.toContain('企业微信群（演示）')
    // Markdown formatted as the group shows it; the HTML in it stays text.
    await message.getByTestId('demo-message-body').locator('strong').waitFor()
    await expect(message.getByTestId('demo-message-body').textContent()).resolves.toBe(
      `快讯 台风今晚登陆浙江 ${MARKUP}`,
    )
    await expect(message.locator('img').count()).resolves.toBe(0)
    await expect(page.evaluate(() => '__pwned' in window)).resolves.toBe(false)
    await screenshot(page, 'demo-receiver')
    expect(errors).toEqual([])
  }, 60_000)
})
