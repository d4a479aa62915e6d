import jsQR from 'jsqr'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPage, screenshot } from './support/browser.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let editor: EditorSession
let page: Page

const lesson = {
  schemaVersion: 1,
  name: '第一课：写问候',
  nodes: [
    { id: 'start', type: 'trigger.manual', version: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: 'greet',
      type: 'text.template',
      version: 1,
      name: '写一句问候',
      position: { x: 320, y: 0 },
      config: { template: '你好，{{ trigger.body.name }}' },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'greet' }],
  sampleInput: { name: '小明' },
}

// Seven steps, added out of order: the list must follow the edges, as a run does, not the order of the document.
const prompt = '请把下面的新闻整理成 <b>三个要点</b>，每点不超过二十字：\n{{ nodes.clean.text }}'
const step = (id: string, type: string, name: string, config: Record<string, unknown>, x: number) => ({
  id,
  type,
  version: 1,
  name,
  position: { x, y: 0 },
  config,
})
const sevenSteps = {
  schemaVersion: 1,
  name: '第三课：新闻摘要',
  nodes: [
    step('ask', 'ai.chat', '整理三个要点', { prompt }, 960),
    step('start', 'trigger.manual', '', {}, 0),
    step('title', 'text.template', '拟标题', { template: '【要点】{{ nodes.ask.text }}' }, 1280),
    step('clean', 'text.template', '去掉多余空白', { template: '{{ trigger.body.text | strip }}' }, 640),
    step('quote', 'text.template', '引用原文', { template: '原文：{{ trigger.body.text }}' }, 320),
    step('review', 'ai.chat', '检查错别字', { prompt: '检查错别字：{{ nodes.title.text }}' }, 1600),
    step('final', 'text.template', '合成结果', { template: '{{ nodes.review.text }}' }, 1920),
  ],
  edges: [
    ['start', 'quote'],
    ['quote', 'clean'],
    ['clean', 'ask'],
    ['ask', 'title'],
    ['title', 'review'],
    ['review', 'final'],
  ].map(([source, target]) => ({ id: `${source}-${target}`, source, target })),
}

/** The teacher's API calls, made from the signed-in editor page. */
const post = (path: string, body: unknown) =>
  page.evaluate(
    async ([path, body]) => {
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return (await res.json()) as unknown
    },
    [path, body] as const,
  )
const createFlow = async (doc: unknown) => ((await post('/api/flows', doc)) as { id: string }).id
const shareLink = async (flowId: string) =>
  ((await post(`/api/flows/${flowId}/share`, {})) as { url: string }).url

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ page } = editor)
  page.on('dialog', (d) => void d.accept())
}, 180_000)

afterAll(() => closeEditor(editor))

describe('分享给学员', () => {
  it('shows a QR code that decodes to the link, which opens the flow read-only on a phone without signing in', async () => {
    const id = await createFlow(lesson)
    await page.goto(`${editor.server.url}/#/flows/${id}`)
    await page.getByTestId('open-share').click()
    await page.getByTestId('share-create').click()
    const qr = page.getByTestId('share-qr')
    await qr.waitFor()
    const link = await page.getByTestId('share-url').inputValue()
    expect(link).toMatch(/\/s\/[\w-]{22}$/)

    // Large enough to scan from the back of a hall: over half the height of a 720-pixel projector image.
    const box = await qr.boundingBox()
    expect(box?.width).toBeGreaterThan(360)
    const png = PNG.sync.read(await qr.screenshot())
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(decoded?.data).toBe(link)
    await screenshot(page, 'share-dialog')

    const phone = await openPage(editor.browser, 'zh-CN')
    await phone.page.setViewportSize({ width: 390, height: 844 })
    const opened = await phone.page.goto(decoded?.data ?? '')
    expect(opened?.status()).toBe(200)
    // A phone starts on the list of steps; 查看画布 switches to the canvas.
    await phone.page.getByTestId('step-greet').waitFor()
    await expect(phone.page.getByTestId('shared-title').textContent()).resolves.toBe('第一课：写问候')
    await expect(phone.page.getByTestId('step-greet').textContent()).resolves.toContain('写一句问候')
    await phone.page.getByTestId('shared-view-canvas').click()
    await expect(phone.page.getByTestId('node-greet').textContent()).resolves.toContain('写一句问候')
    // Without a session the only action is to sign in and copy; the canvas fits the phone's width.
    await phone.page.getByTestId('shared-sign-in').waitFor()
    const canvas = await phone.page.getByTestId('shared-canvas').boundingBox()
    expect(canvas?.width).toBeLessThanOrEqual(390)
    await screenshot(phone.page, 'shared-flow-phone')

    await page.getByTestId('share-revoke').click()
    await page.getByTestId('share-create').waitFor()
    const gone = await phone.page.reload()
    expect(gone?.status()).toBe(404)
    await phone.page.getByTestId('shared-gone').waitFor()
    expect([...editor.errors, ...phone.errors]).toEqual([])
    await phone.context.close()
  })

  it('班级: the owner creates student accounts from a list; a student signs in on the shared page and copies the flow', async () => {
    await page.goto(`${editor.server.url}/#/classroom`)
    await page.getByTestId('class-list').fill('姓名\n张伟\nLi Lei')
    await page.getByTestId('class-create').click()
    const row = page.getByTestId('account-student1')
    await row.waitFor()
    await expect(row.textContent()).resolves.toContain('张伟')
    await page.getByTestId('account-li.lei').waitFor()
    const password = (await row.locator('td').nth(3).textContent()) ?? ''
    expect(password).toMatch(/^\w{4}-\w{4}-\w{4}$/)
    await screenshot(page, 'class-accounts-sheet')

    const flowId = await page.evaluate(async () => {
      const list = (await (await fetch('/api/flows')).json()) as { items: { id: string }[] }
      return list.items[0]?.id ?? ''
    })
    const url = await shareLink(flowId)
    // The printed sheet sends the students to the address the share link uses.
    await expect(page.getByTestId('account-sheet-address').textContent()).resolves.toContain(
      new URL(url).origin,
    )

    const phone = await openPage(editor.browser, 'zh-CN')
    await phone.page.setViewportSize({ width: 390, height: 844 })
    await phone.page.goto(url)
    await phone.page.getByTestId('shared-sign-in').click()
    await phone.page.getByTestId('auth-email').fill('student1')
    await phone.page.getByTestId('auth-password').fill(password)
    await phone.page.getByTestId('auth-submit').click()
    await phone.page.getByTestId('shared-copy').click()
    await phone.page.waitForURL(/#\/flows\/[\w-]+$/)
    await phone.page.getByTestId('node-greet').waitFor()
    expect(phone.page.url()).not.toContain(flowId)
    // The copy opens in the editor on the phone: no wider than the screen (the menu scrolls instead), the node
    // library folded away, and the run form's button on screen where a thumb can reach it.
    await phone.page.getByTestId('open-run').click()
    // …starting from the lesson's sample input, as the teacher's Run form does.
    await expect(phone.page.getByTestId('run-raw').inputValue()).resolves.toContain('小明')
    const start = await phone.page.getByTestId('run-submit').boundingBox()
    expect(start?.x ?? -1).toBeGreaterThanOrEqual(0)
    expect((start?.x ?? 0) + (start?.width ?? 0)).toBeLessThanOrEqual(390)
    await expect(phone.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(390)
    await expect(phone.page.locator('.palette').isVisible()).resolves.toBe(false)
    await screenshot(phone.page, 'copied-flow-phone')

    // The lessons to follow are the teacher's own flows, not the students' copies of them under the same name.
    await page.reload()
    await page.locator(`#class-lesson option[value="${flowId}"]`).waitFor({ state: 'attached' })
    await expect(
      page.getByTestId('class-lesson').locator('option', { hasText: '第一课' }).count(),
    ).resolves.toBe(1)
    await page.getByTestId('class-lesson').selectOption(flowId)
    const progress = page.getByTestId('progress-student1')
    await progress.waitFor()
    await expect(progress.textContent()).resolves.toMatch(/张伟.*✓/)

    // 流程 starts on the teacher's own flows; 全部成员 adds the class's copies, each row naming whose it is.
    await page.evaluate(async (doc) => {
      const body = JSON.stringify({ ...doc, name: '第二课：写感谢' })
      await fetch('/api/flows', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    }, lesson)
    await page.goto(`${editor.server.url}/#/flows`)
    const lessonRows = page.getByTestId('flow-list').locator('tbody tr', { hasText: '第一课' })
    await page.getByTestId('flow-list').waitFor()
    await expect(lessonRows.count()).resolves.toBe(1)
    await expect(page.getByTestId('flow-owner').count()).resolves.toBe(0)
    await page.getByTestId('flows-scope-all').click()
    const copyRow = lessonRows.filter({ has: page.getByTestId('flow-owner').getByText('张伟') })
    await copyRow.waitFor()
    await expect(lessonRows.count()).resolves.toBe(2)
    await expect(copyRow.locator('a.table__main-link').getAttribute('href')).resolves.not.toContain(flowId)
    await screenshot(page, 'flows-all-members')

    // The search box asks the server: by a flow's name, and under 全部成员 by the member's name too.
    const rows = page.getByTestId('flow-list').locator('tbody tr')
    await page.getByTestId('flow-search').fill('第一课')
    await expect.poll(() => rows.count()).toBe(2)
    await expect(rows.filter({ hasText: '第二课' }).count()).resolves.toBe(0)
    await page.getByTestId('flow-search').fill('张伟')
    await expect.poll(() => rows.count()).toBe(1)
    await expect(rows.getByTestId('flow-owner').textContent()).resolves.toBe('张伟')
    await page.getByTestId('flow-search').fill('50%')
    await page.getByTestId('flows-no-match').waitFor()

    // A class's hundreds of flows come a page (100) at a time, the rest behind 加载更多.
    await page.evaluate(async (doc) => {
      for (let i = 0; i < 101; i++) {
        const body = JSON.stringify({ ...doc, name: `练习 ${i}` })
        await fetch('/api/flows', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      }
    }, lesson)
    await page.getByTestId('flow-search').fill('练习')
    await expect.poll(() => rows.count()).toBe(100)
    await page.getByTestId('flows-more').click()
    await expect.poll(() => rows.count()).toBe(101)
    await expect(page.getByTestId('flows-more').count()).resolves.toBe(0)
    expect([...editor.errors, ...phone.errors]).toEqual([])
    await phone.context.close()
  })

  it('on a phone the steps read as a list in run order, in readable text, and a tap opens a step’s prompt', async () => {
    const url = await shareLink(await createFlow(sevenSteps))

    const phone = await openPage(editor.browser, 'zh-CN')
    await phone.page.setViewportSize({ width: 390, height: 844 })
    await phone.page.goto(url)
    const list = phone.page.getByTestId('shared-steps')
    await list.waitFor()
    await expect(list.locator('.step-card__name').allTextContents()).resolves.toEqual([
      '手动触发',
      '引用原文',
      '去掉多余空白',
      '整理三个要点',
      '拟标题',
      '检查错别字',
      '合成结果',
    ])
    // Each card says what its kind of step does, in Chinese.
    await expect(phone.page.getByTestId('step-ask').textContent()).resolves.toContain('把提示词发给大模型')

    // The prompt shows on a tap, as the text the teacher typed: its angle brackets are characters, not markup.
    const body = phone.page.getByTestId('step-body-ask')
    await expect(body.count()).resolves.toBe(0)
    await phone.page.getByTestId('step-toggle-ask').click()
    await expect(body.locator('dd').first().textContent()).resolves.toBe(prompt)
    await expect(body.locator('b').count()).resolves.toBe(0)

    // Readable without zooming: no text under 14 px, every card within the screen, nothing to scroll sideways.
    const layout = await phone.page.evaluate(() => ({
      smallestFont: Math.min(
        ...[...document.querySelectorAll('.steps *')]
          .filter((el) => el.childElementCount === 0 && el.textContent?.trim())
          .map((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
      ),
      cards: [...document.querySelectorAll('.step-card')].map((el) => {
        const box = el.getBoundingClientRect()
        return { left: box.left, right: box.right }
      }),
      scrollWidth: document.documentElement.scrollWidth,
    }))
    expect(layout.smallestFont).toBeGreaterThanOrEqual(14)
    expect(layout.cards).toHaveLength(7)
    for (const card of layout.cards) {
      expect(card.left).toBeGreaterThanOrEqual(0)
      expect(card.right).toBeLessThanOrEqual(390)
    }
    expect(layout.scrollWidth).toBeLessThanOrEqual(390)
    await screenshot(phone.page, 'shared-steps-phone')

    // 查看画布 is the canvas as before, and back again to the list.
    await phone.page.getByTestId('shared-view-canvas').click()
    await phone.page.getByTestId('node-ask').waitFor()
    await expect(list.count()).resolves.toBe(0)
    await phone.page.getByTestId('shared-view-steps').click()
    await list.waitFor()
    expect([...editor.errors, ...phone.errors]).toEqual([])
    await phone.context.close()
  })
})
