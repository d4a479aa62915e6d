import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

const quiz = JSON.parse(
  readFileSync(new URL('../../templates/training-quiz.json', import.meta.url), 'utf8'),
) as {
  sampleInput: { title: string; course: string }
}

let session: EditorSession

beforeAll(async () => {
  session = await openSignedInEditor()
}, 180_000)

afterAll(() => closeEditor(session))

describe('starting from a template', () => {
  it('fills the new flow’s Run form with the input the template’s demo answers were written for', async () => {
    const { page, errors } = session
    await page.getByTestId('new-flow').first().click()
    await page.getByText('培训测验', { exact: true }).click()
    await page.getByTestId('create-flow').click()
    await page.locator('.react-flow__node').first().waitFor()
    await page.getByRole('button', { name: /运行/ }).last().click()
    const dialog = page.getByTestId('run-dialog')
    await expect(dialog.getByLabel(/课程名称/).inputValue()).resolves.toBe(quiz.sampleInput.title)
    await expect(dialog.getByLabel(/课程内容/).inputValue()).resolves.toBe(quiz.sampleInput.course)
    expect(errors).toEqual([])
  })
})
