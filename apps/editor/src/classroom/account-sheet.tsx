import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClassSheet } from '../api/class-api.ts'

/**
 * The new accounts with their passwords, shown this once. Printing shows only this sheet (print CSS hides the rest
 * of the app), one row a student, to cut into slips: each slip carries the address to open, since a student
 * holding only a login and a password would not know where to type them.
 */
export function AccountSheet({ sheet, onClose }: { sheet: ClassSheet; onClose(): void }) {
  const { accounts, signInUrl } = sheet
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  // The sheet appears below the form: bring it into view, since it is shown this once.
  // Braces: Chromium's scrollIntoView now returns a promise, and an effect may only return its clean-up.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' })
  }, [])
  return (
    <div className="account-sheet" ref={ref} data-testid="account-sheet">
      <h2>{t('classroom.sheetTitle')}</h2>
      <p className="account-sheet__lead">{t('classroom.sheetLead')}</p>
      <p className="account-sheet__address" data-testid="account-sheet-address">
        {t('classroom.signInAt')} <span className="account-sheet__mono">{signInUrl}</span>
      </p>
      <div className="toolbar account-sheet__actions">
        <button type="button" className="btn btn--primary" onClick={() => window.print()}>
          {t('classroom.print')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('classroom.done')}
        </button>
      </div>
      <table className="table account-sheet__table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('classroom.name')}</th>
            <th>{t('classroom.login')}</th>
            <th>{t('classroom.password')}</th>
            <th>{t('classroom.signInUrl')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a, i) => (
            <tr key={a.id} data-testid={`account-${a.login}`}>
              <td>{i + 1}</td>
              <td>{a.name}</td>
              <td className="account-sheet__mono">{a.login}</td>
              <td className="account-sheet__mono">{a.password}</td>
              <td className="account-sheet__mono">{signInUrl}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
