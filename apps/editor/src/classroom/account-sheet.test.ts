import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { AccountSheet } from './account-sheet.tsx'

describe('the printed class account sheet', () => {
  it('tells every student where to sign in: the address on the sheet and on each slip', () => {
    const html = renderToStaticMarkup(
      createElement(AccountSheet, {
        sheet: {
          signInUrl: 'http://192.168.1.20:3000',
          accounts: [
            { id: 'u1', name: '张伟', login: 'student1', password: 'ab2c-de3f-gh4j' },
            { id: 'u2', name: '李雷', login: 'li.lei', password: 'kk2c-de3f-gh4j' },
          ],
        },
        onClose: () => {},
      }),
    )
    expect(html).toMatch(/data-testid="account-sheet-address".*http:\/\/192\.168\.1\.20:3000/)
    const rows = html.split('<tr data-testid="account-').slice(1)
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(row).toContain('http://192.168.1.20:3000')
  })
})
