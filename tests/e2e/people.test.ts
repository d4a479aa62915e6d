import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPage, screenshot } from './support/browser.ts'
import { OWNER } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let editor: EditorSession
let page: Page

beforeAll(async () => {
  editor = await openSignedInEditor()
  ;({ page } = editor)
  // Every confirmation (revoke, delete) is answered yes, as a person who means it would.
  page.on('dialog', (d) => void d.accept())
  await page.goto(`${editor.server.url}/#/settings`)
  await page.getByTestId('members').waitFor()
}, 180_000)

afterAll(() => closeEditor(editor))

const me = (token: string) =>
  fetch(`${editor.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })

describe('colleagues and API tokens in 设置', () => {
  it('the owner creates a token that is shown once, works with Bearer, and answers 401 once revoked', async () => {
    await page.getByTestId('token-name').fill('官网表单')
    await page.getByTestId('token-create').click()
    const token = await page.getByTestId('token-value').inputValue()
    expect(token).toMatch(/^zl_pat_/)
    await expect(page.getByTestId('token-fresh').textContent()).resolves.toMatch(/只显示这一次/)
    expect((await me(token)).status).toBe(200)

    await page.getByTestId('token-saved').click()
    await page.reload()
    await page.getByTestId('token-官网表单').waitFor()
    await expect(page.content()).resolves.not.toContain(token)
    // The list says when the token was last used: just now, by the call above.
    await expect(page.getByTestId('token-官网表单').textContent()).resolves.not.toMatch(/从未使用/)

    await page.getByTestId('token-revoke-官网表单').click()
    await page.getByTestId('token-官网表单').waitFor({ state: 'detached' })
    expect((await me(token)).status).toBe(401)
  })

  it('the owner adds an editor and resets their password; signed out, the editor signs in with it', async () => {
    await page.getByTestId('member-email').fill('xiaoli@example.com')
    await page.getByTestId('member-password').fill('小李的密码12345')
    await page.getByTestId('member-role-editor').check()
    await page.getByTestId('member-submit').click()
    await page.getByTestId('member-added').waitFor()
    await expect(page.getByTestId('member-xiaoli@example.com').textContent()).resolves.toContain('编辑者')
    await page.getByTestId('member-list').scrollIntoViewIfNeeded()
    await screenshot(page, 'settings-members')

    // Forgotten at once: the owner types a new password for 小李, and only that one works from now on.
    await page.getByTestId('member-xiaoli@example.com').getByRole('button', { name: '重置密码' }).click()
    await page.getByTestId('reset-typed').check()
    await page.getByTestId('reset-typed-password').fill('新的密码新的密码')
    await page.getByTestId('reset-submit').click()
    await expect(page.getByTestId('new-password').inputValue()).resolves.toBe('新的密码新的密码')
    await expect(page.getByTestId('reset-password').textContent()).resolves.toMatch(/只显示这一次/)
    await page.getByTestId('reset-password').getByRole('button', { name: '关闭' }).first().click()

    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByTestId('auth-email').fill('xiaoli@example.com')
    await page.getByTestId('auth-password').fill('小李的密码12345')
    await page.getByTestId('auth-submit').click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/邮箱或密码不对/)
    await page.getByTestId('auth-password').fill('新的密码新的密码')
    await page.getByTestId('auth-submit').click()
    // Back on 设置, now as the editor: members are the owner's business.
    await page.getByText('只有所有者可以添加和管理成员').waitFor()
    const who = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))
    expect(who).toMatchObject({ user: { email: 'xiaoli@example.com', role: 'editor' } })
    expect(editor.errors).toEqual([])
  })

  it('the owner disables 小李, who is told so in Chinese at sign-in, then deletes the account', async () => {
    // 小李 signs in on a computer of their own while the owner, back on this one, manages the account.
    const xiaoli = await openPage(editor.browser, 'zh-CN')
    const signInAsXiaoli = async () => {
      await xiaoli.page.goto(editor.server.url)
      await xiaoli.page.getByTestId('auth-email').fill('xiaoli@example.com')
      await xiaoli.page.getByTestId('auth-password').fill('新的密码新的密码')
      await xiaoli.page.getByTestId('auth-submit').click()
    }
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByTestId('auth-email').fill(OWNER.email)
    await page.getByTestId('auth-password').fill(OWNER.password)
    await page.getByTestId('auth-submit').click()
    await page.goto(`${editor.server.url}/#/settings`)
    const row = page.getByTestId('member-xiaoli@example.com')

    await row.getByRole('button', { name: '停用' }).click()
    await row.getByText('已停用').waitFor()
    await signInAsXiaoli()
    await expect(xiaoli.page.getByRole('alert').textContent()).resolves.toMatch(/账号已被停用/)

    // Enabled again, the same password works; deleted, the session just opened ends and the password no longer works.
    await row.getByRole('button', { name: '启用' }).click()
    await row.getByText('正常').waitFor()
    await signInAsXiaoli()
    await xiaoli.page.getByTestId('new-flow').first().waitFor()

    await row.getByRole('button', { name: '删除' }).click()
    await row.waitFor({ state: 'detached' })
    const status = await xiaoli.page.evaluate(() => fetch('/api/auth/me').then((r) => r.status))
    expect(status).toBe(401)
    await signInAsXiaoli()
    await expect(xiaoli.page.getByRole('alert').textContent()).resolves.toMatch(/邮箱或密码不对/)
    await xiaoli.context.close()
    expect([...editor.errors, ...xiaoli.errors]).toEqual([])
  })
})
