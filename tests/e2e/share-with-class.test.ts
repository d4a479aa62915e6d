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

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ page } = editor)
  page.on('dialog', (d) => void d.accept())
}, 180_000)

afterAll(() => closeEditor(editor))

describe('分享给学员', () => {
  it('shows a QR code that decodes to the link, which opens the flow read-only on a phone without signing in', async () => {
    const id = await page.evaluate(async (doc) => {
      const res = await fetch('/api/flows', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(doc),
      })
      return ((await res.json()) as { id: string }).id
    }, lesson)
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
    await phone.page.getByTestId('node-greet').waitFor()
    await expect(phone.page.getByTestId('shared-title').textContent()).resolves.toBe('第一课：写问候')
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
    const url = await page.evaluate(async (id) => {
      const res = await fetch(`/api/flows/${id}/share`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      return ((await res.json()) as { url: string }).url
    }, flowId)
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
})
