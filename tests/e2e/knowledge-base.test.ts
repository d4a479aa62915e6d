import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let editor: EditorSession
let page: Page
let errors: string[]

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ page, errors } = editor)
}, 180_000)

afterAll(() => closeEditor(editor))

describe('知识库 page', () => {
  it('creates a knowledge base, uploads a document that becomes ready, and finds it in 召回测试, reranked too', async () => {
    await page.goto(`${editor.server.url}/#/knowledge`)
    await page.getByTestId('kb-name').fill('政策库')
    await page.getByTestId('kb-create').click()
    await page.getByTestId('kb-panel').waitFor()
    await page.getByTestId('kb-upload').setInputFiles({
      name: '社保卡.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('社会保障卡遗失的，可以到合作银行网点挂失并补办，补卡工本费由财政承担。', 'utf8'),
    })
    // The status row updates on its own until the document is ready.
    await page.getByTestId('kb-status').filter({ hasText: '可用' }).waitFor({ timeout: 30_000 })
    await page.getByTestId('kb-question').fill('社保卡丢了怎么补办')
    await page.getByTestId('kb-search').click()
    const hit = page.getByTestId('kb-hit').first()
    await hit.waitFor()
    await expect(hit.textContent()).resolves.toContain('社保卡.txt')
    await expect(hit.textContent()).resolves.toContain('补卡工本费由财政承担')
    await expect(hit.getByTestId('kb-hit-score').textContent()).resolves.toMatch(/^得分 /)
    // 重排序 on: with no model provider the offline demo rerank orders them, and the score says whose it is.
    await page.getByTestId('kb-rerank').check()
    await page.getByTestId('kb-search').click()
    await page
      .getByTestId('kb-hit-score')
      .filter({ hasText: /^重排序得分 / })
      .first()
      .waitFor()
    await screenshot(page, 'knowledge-base')
    expect(errors).toEqual([])
  })
})
