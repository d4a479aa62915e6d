import { TINY_PNG } from '@zhiliu/nodes/media-store-contract'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { createBlankFlow, dropNode, selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let editor: EditorSession
let page: Page
let errors: string[]

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ page, errors } = editor)
}, 180_000)

afterAll(() => closeEditor(editor))

describe('uploading an image into ai.vision', () => {
  it('picks a file with the labelled file input, fills the field with its address and shows it', async () => {
    await createBlankFlow(page, '看图上传')
    await dropNode(page, 'ai.vision', 300, 150)
    await selectNode(page, 'vision_1')
    const picker = page.getByLabel(/上传一张图片/)
    await picker.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: Buffer.from(TINY_PNG) })
    const preview = page.getByTestId('preview-image')
    await preview.waitFor()
    await expect(page.getByTestId('input-image').inputValue()).resolves.toMatch(
      /^\/media\/[0-9a-f]{32}\.png$/,
    )
    await expect(preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(
      1,
    )

    await picker.setInputFiles({ name: 'x.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg/>') })
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('不支持 SVG')
    await picker.scrollIntoViewIfNeeded()
    await screenshot(page, 'media-upload')
    expect(errors).toEqual([])
  })
})
