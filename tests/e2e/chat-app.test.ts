import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { APIRequestContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPage, screenshot } from './support/browser.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'
import { ROOT } from './support/ensure-editor-built.ts'
import { sawIt, watchFor } from './support/watch-for.ts'

/**
 * The 读者互动 template published as a chat app, used the way readers use it: on a phone-sized page (390×844, the
 * size of a current iPhone, which is also what WeChat's built-in browser gives a page), and through the widget on
 * a news site of another origin whose own CSS would restyle any button it could reach.
 */
let editor: EditorSession
let host: Server
let hostUrl = ''
let flowId = ''

const template = JSON.parse(readFileSync(`${ROOT}/templates/reader-qa.json`, 'utf8')) as { flow: unknown }

/** The template's sample articles as a knowledge base, indexed, its id in place of `sample:news-articles`. */
async function withArticles(api: APIRequestContext, base: string): Promise<unknown> {
  const kb = (await (
    await api.post(`${base}/api/knowledge-bases/from-sample`, {
      data: { sample: 'news-articles', name: '本报报道（示例）' },
    })
  ).json()) as { id: string }
  for (;;) {
    const res = await api.get(`${base}/api/knowledge-bases/${kb.id}/documents`)
    const { documents } = (await res.json()) as { documents: { status: string }[] }
    if (documents.every((d) => d.status === 'ready')) break
    await new Promise((r) => setTimeout(r, 100))
  }
  return JSON.parse(JSON.stringify(template.flow).replaceAll('"sample:news-articles"', JSON.stringify(kb.id)))
}

beforeAll(async () => {
  editor = await openSignedInEditor()
  const api = editor.page.context().request
  const base = editor.server.url
  const created = await api.post(`${base}/api/flows`, { data: await withArticles(api, base) })
  flowId = ((await created.json()) as { id: string }).id
  expect((await api.post(`${base}/api/flows/${flowId}/publish`, { data: {} })).status()).toBe(201)
  // A plain news page on another origin (127.0.0.2 is another site than the server's 127.0.0.1).
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>本报</title>
<style>button { background: red !important; font-size: 40px !important; } iframe { display: none !important; }</style>
</head><body><h1>本报新闻</h1>
<script src="${base}/chat-widget.js" data-app="reader-qa"></script></body></html>`
  host = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
  )
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.2', resolve))
  hostUrl = `http://127.0.0.2:${(host.address() as AddressInfo).port}/`
}, 180_000)

afterAll(async () => {
  host?.close()
  await closeEditor(editor)
})

describe('a chat app', () => {
  it('answers on a phone-sized page as it streams, opens the cited article, and takes a thumbs up', async () => {
    const context = await editor.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(`${editor.server.url}/chat/reader-qa`)
    await page.locator('.title', { hasText: '读者问答' }).waitFor()
    await page.locator('.msg.opening', { hasText: '读者问答助手' }).waitFor()

    // Streamed: the answer shows while the demo model is still writing it, then settles with its sources. The
    // stream may last less than Playwright's polling interval on a loaded machine, so it is watched for.
    await watchFor(page, 'streaming', [{ selector: '.msg.bot.streaming .text', withText: true }])
    await page.getByRole('button', { name: '市图书馆新馆什么时候开放？' }).tap()
    const answer = page.locator('.msg.bot.done')
    await answer.waitFor()
    await expect(sawIt(page, 'streaming')).resolves.toBe(true)
    await expect(answer.locator('.text').textContent()).resolves.toContain('周一闭馆')
    // The sources the answer cites, of the four articles it was given.
    expect(await answer.locator('.source').allTextContents()).toEqual(['[1] 市图书馆新馆5月1日开放.md'])
    // Fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

    await answer.locator('.cite').first().tap()
    const sheet = page.getByRole('dialog')
    await expect(sheet.textContent()).resolves.toContain('开放时间为周二至周日9:00至21:00')
    await screenshot(page, 'chat-app-phone')
    await sheet.getByRole('button', { name: '关闭' }).tap()

    await answer.getByRole('button', { name: '有帮助' }).tap()
    await page.locator('.thumbs[data-rated=up]').waitFor()
    const api = editor.page.context().request
    const list = await api.get(`${editor.server.url}/api/flows/${flowId}/conversations`)
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ firstQuestion: '市图书馆新馆什么时候开放？', turns: 1, thumbsUp: 1 }),
    ])
    // The owner reads it in the editor's 对话记录.
    const owner = editor.page
    await owner.goto(`${editor.server.url}/#/flows/${flowId}/conversations`)
    await owner.getByRole('button', { name: '市图书馆新馆什么时候开放？' }).click()
    await expect(owner.getByTestId('chat-turn').textContent()).resolves.toContain('👍')
    expect(editor.errors).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('opens from the widget on another site, untouched by that site’s CSS, and answers in its frame', async () => {
    const { page, errors } = await openPage(editor.browser, 'zh-CN')
    await page.goto(hostUrl)
    const launcher = page.locator('[data-zhiliu-chat] >> button')
    await launcher.waitFor()
    // The host's `button { background: red !important }` does not reach into the widget.
    await expect(launcher.evaluate((b) => getComputedStyle(b).backgroundColor)).resolves.toBe(
      'rgb(22, 100, 255)',
    )
    await launcher.click()
    const frame = page.frameLocator('[data-zhiliu-chat] >> iframe')
    await expect(page.locator('[data-zhiliu-chat] >> iframe').isVisible()).resolves.toBe(true)
    await frame.getByRole('textbox', { name: '输入你的问题…' }).fill('图书馆周一开门吗？')
    await frame.getByRole('button', { name: '发送' }).click()
    await expect(frame.locator('.msg.bot.done .text').textContent()).resolves.toContain('周一闭馆')
    await screenshot(page, 'chat-app-widget')
    expect(errors).toEqual([])
    await page.context().close()
  })
})
