import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'
import type { RunningServer } from './support/start-server.ts'

let editor: EditorSession
let server: RunningServer
let page: Page
let flowId: string

/** A flow as a person would have exported it from another Zhiliu. */
const greeting = {
  schemaVersion: 1,
  name: '来稿回执',
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      version: 1,
      name: '收到来稿',
      position: { x: 0, y: 0 },
      config: { inputSchema: [{ name: 'author', type: 'string', required: true, description: '作者' }] },
    },
    {
      id: 'reply',
      type: 'text.template',
      version: 1,
      name: '回执',
      position: { x: 300, y: 0 },
      config: { template: '{{ trigger.body.author }}，来稿已收到。' },
    },
    {
      id: 'respond',
      type: 'flow.respond',
      version: 1,
      name: '',
      position: { x: 600, y: 0 },
      config: { body: '{{ nodes.reply.text }}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'hook', sourcePort: 'out', target: 'reply', targetPort: 'in' },
    { id: 'e2', source: 'reply', sourcePort: 'out', target: 'respond', targetPort: 'in' },
  ],
  settings: { concurrency: 8 },
}

const flowIdOf = (url: string) => decodeURIComponent(/#\/flows\/([^/?]+)/.exec(url)?.[1] ?? '')

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ server, page } = editor)
}, 180_000)

afterAll(() => closeEditor(editor))

describe('from import to publish to history', () => {
  it('imports a flow file and opens it on the canvas', async () => {
    await page.getByTestId('import-file').setInputFiles({
      name: 'greeting.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(greeting)),
    })
    await page.getByTestId('node-respond').waitFor()
    flowId = flowIdOf(page.url())
    await expect(page.locator('.react-flow__node').count()).resolves.toBe(3)
    // React Flow draws edges once their nodes are measured, a frame after the nodes.
    await expect.poll(() => page.locator('.react-flow__edge').count(), { timeout: 10_000 }).toBe(2)
  })

  it('publishes version 1 and answers a webhook call over HTTP with the published flow', async () => {
    await page.getByTestId('open-publish').click()
    await page.getByTestId('publish-now').click()
    await page.getByTestId('version-list').getByText('v1').waitFor()
    // Right there after publishing: where to call it, and how.
    await expect(page.getByTestId('publish-webhook-url').inputValue()).resolves.toBe(
      `${server.url}/hooks/${flowId}`,
    )
    await expect(page.getByTestId('publish-webhook-curl').inputValue()).resolves.toContain(
      `${server.url}/hooks/${flowId}`,
    )
    await screenshot(page, 'publish-versions')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('unpublished-changes').count()).resolves.toBe(0)

    await page.getByTestId('open-webhook').click()
    const url = await page.getByTestId('webhook-url').inputValue()
    expect(url).toBe(`${server.url}/hooks/${flowId}`)
    await expect(page.getByTestId('webhook-curl').inputValue()).resolves.toContain(url)
    await page.keyboard.press('Escape')

    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ author: '王芳' }),
    })
    expect(res.status).toBe(200)
    await expect(res.text()).resolves.toBe('王芳，来稿已收到。')

    // An edit after publishing: the draft now differs from what the webhook runs, and the toolbar says so.
    await selectNode(page, 'reply')
    await page.locator('#name-reply').fill('回执文字')
    await page.getByTestId('unpublished-changes').waitFor()
    await expect(page.getByTestId('unpublished-changes').textContent()).resolves.toBe('有未发布的修改')
  })

  it('lists the webhook run in the history and opens it on the canvas with its data', async () => {
    await page.goto(`${server.url}/#/runs`)
    const list = page.getByTestId('run-list')
    await list.waitFor()
    await expect(list.textContent()).resolves.toContain('Webhook')
    // Each run says what it was started with, so runs can be told apart without opening them: as fields and
    // values, not JSON (which stays one hover away, in the cell's title).
    const input = list.getByTestId('run-input').first()
    await expect(input.textContent()).resolves.toBe('author：王芳')
    await expect(input.getAttribute('title')).resolves.toBe('{"author":"王芳"}')
    // How long the history lasts is said where people read it.
    await expect(page.getByTestId('runs-retention').textContent()).resolves.toContain(
      '已结束的运行保留 30 天，更早的会自动删除。',
    )
    await list.getByTestId('open-run').first().click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor()
    for (const id of ['hook', 'reply', 'respond']) {
      await expect(page.getByTestId(`node-${id}`).getAttribute('data-status')).resolves.toBe('succeeded')
    }
    await expect(page.getByTestId('run-output').textContent()).resolves.toContain('王芳，来稿已收到。')
    await screenshot(page, 'history-run-on-canvas')
  })

  it('says the draft has unpublished changes once it differs from the published version, there and in the list', async () => {
    await page.goto(`${server.url}/#/flows`)
    const row = page.locator('tr', { hasText: '来稿回执' })
    await expect(row.getByTestId('flow-unpublished').textContent()).resolves.toBe('有未发布的修改')
  })

  it('exports the flow as a file that matches what was imported', async () => {
    await page.goto(`${server.url}/#/flows`)
    const row = page.locator('tr', { hasText: '来稿回执' })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: '导出' }).click(),
    ])
    const path = await download.path()
    const exported = JSON.parse(await readFile(path, 'utf8'))
    expect(exported.name).toBe(greeting.name)
    expect(exported.edges).toEqual(greeting.edges)
    expect(exported.nodes.map((n: { id: string; config: unknown }) => [n.id, n.config])).toEqual(
      greeting.nodes.map((n) => [n.id, n.config]),
    )

    // The exported file imports again as a new flow with the same graph.
    await page.getByTestId('import-file').setInputFiles(path)
    await page.getByTestId('node-respond').waitFor()
    const copyId = flowIdOf(page.url())
    expect(copyId).not.toBe(flowId)
    const copy = await page.evaluate(
      async (id) => (await fetch(`/api/flows/${encodeURIComponent(id)}`)).json(),
      copyId,
    )
    expect(copy.document.edges).toEqual(exported.edges)
    expect(copy.document.nodes).toEqual(exported.nodes)
  })

  it('captures a test request as sample input and runs the draft with it', async () => {
    await page.goto(`${server.url}/#/flows/${encodeURIComponent(flowId)}`)
    await page.getByTestId('open-webhook').click()
    await page.getByTestId('webhook-test-start').click()
    const testUrl = await page.getByTestId('webhook-test-url').inputValue()
    expect(testUrl).toMatch(`${server.url}/hooks/test/${flowId}/`)

    // What another system would send; the editor is long-polling meanwhile.
    const res = await fetch(`${testUrl}?from=cms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ author: '李雷' }),
    })
    expect(res.status).toBe(200)
    const body = page.getByTestId('webhook-test-body')
    await body.getByText('李雷').waitFor()
    await screenshot(page, 'webhook-test-captured')

    await page.getByTestId('webhook-test-use').click()
    await expect(page.getByTestId('run-field-author').inputValue()).resolves.toBe('李雷')
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('run-output').textContent()).resolves.toContain('李雷，来稿已收到。')
  })

  it('lets the owner choose how long runs are kept and how much room they may take, showing what they take now', async () => {
    await page.goto(`${server.url}/#/settings`)
    const section = page.getByTestId('run-retention')
    await expect(section.getByTestId('retention-current').textContent()).resolves.toContain('保留 30 天')
    await section.getByTestId('retention-days').fill('7.5')
    await section.getByTestId('retention-save').click()
    await expect(section.getByRole('alert').textContent()).resolves.toBe('请填写 0 到 3650 之间的整数。')
    await section.getByTestId('retention-days').fill('0')
    await section.getByTestId('retention-save').click()
    await section.getByRole('status').waitFor()
    await expect(section.getByTestId('retention-current').textContent()).resolves.toBe(
      '运行记录永久保留，不会自动删除。',
    )
    await screenshot(page, 'run-retention')

    // Beside it, the room the history takes: the runs above count, and the owner sets the size limit in MB.
    const storage = page.getByTestId('run-storage')
    await expect(storage.getByTestId('storage-size').textContent()).resolves.toMatch(
      /\d+(\.\d+)? [KM]B · 共 \d+ 条运行/,
    )
    const perDay = Number(/\d+/.exec((await storage.getByTestId('storage-per-day').textContent()) ?? '')?.[0])
    expect(perDay).toBeGreaterThan(0)
    await expect(storage.getByRole('term').nth(2).textContent()).resolves.toBe('按目前的速度，30 天后')
    await storage.getByTestId('storage-max-mb').fill('0.5')
    await storage.getByTestId('storage-save').click()
    await expect(storage.getByRole('alert').textContent()).resolves.toBe(
      '请填写 0，或不小于 1 的整数（MB）。',
    )
    await storage.getByTestId('storage-max-mb').fill('500')
    await storage.getByTestId('storage-save').click()
    await storage.getByRole('status').waitFor()
    await expect(storage.getByTestId('storage-max').textContent()).resolves.toBe('500 MB')
    await screenshot(page, 'run-storage')
    await page.goto(`${server.url}/#/runs`)
    await expect(page.getByTestId('runs-retention').textContent()).resolves.toContain('运行记录永久保留')
    expect(editor.errors).toEqual([])
  })

  it('keeps only failed runs once the flow says so in its publish dialog, and the history says how many were not kept', async () => {
    await page.goto(`${server.url}/#/flows/${flowId}`)
    await page.getByTestId('open-publish').click()
    const select = page.getByTestId('flow-run-history-select')
    // The first option names the server's default once /api/settings has answered ("…" until then).
    await select
      .locator('option')
      .first()
      .filter({ hasText: '跟随服务器默认（保存全部运行）' })
      .waitFor({ state: 'attached' })
    await select.selectOption('failed')
    await page.getByTestId('publish-now').click()
    await page.getByTestId('version-list').getByText('v2').waitFor()
    await screenshot(page, 'publish-run-history')
    await page.keyboard.press('Escape')
    const res = await fetch(`${server.url}/hooks/${flowId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ author: '赵六' }),
    })
    await expect(res.text()).resolves.toBe('赵六，来稿已收到。')
    await page.goto(`${server.url}/#/runs`)
    // The caller is answered at the Respond node, a moment before the run ends and is dropped.
    await expect
      .poll(async () => {
        await page.reload()
        await page.getByTestId('run-list').waitFor()
        return page.getByTestId('runs-not-kept').count()
      })
      .toBe(1)
    await expect(page.getByTestId('runs-not-kept').textContent()).resolves.toBe(
      '另有 1 次运行已经结束，但按“保存哪些运行”的设置没有保存。',
    )
    await page.goto(`${server.url}/#/settings`)
    await expect(page.getByTestId('run-history-default').inputValue()).resolves.toBe('all')
    expect(editor.errors).toEqual([])
  })
})
