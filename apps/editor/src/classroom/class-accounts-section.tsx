import { type ChangeEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ClassSheet, createClassAccounts, type RosterProblem } from '../api/class-api.ts'
import { ApiError } from '../api/request.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { useIsOwner } from '../session/session-store.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { AccountSheet } from './account-sheet.tsx'

const problemsOf = (err: unknown): RosterProblem[] => {
  if (!(err instanceof ApiError) || err.code !== 'ROSTER_INVALID') return []
  const details = err.details as { problems?: RosterProblem[] } | undefined
  return details?.problems ?? []
}

/**
 * The owner pastes a class list (or picks a CSV file) and gets one student account per line; the generated
 * passwords come back once, as a sheet to print. A refused list names each line to fix, in the person's language.
 */
export function ClassAccountsSection() {
  const { t } = useTranslation()
  const locale = useLocale()
  const isOwner = useIsOwner()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [sheet, setSheet] = useState<ClassSheet>()

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    if (file) setText(await file.text())
  }
  const submit = async () => {
    setBusy(true)
    setError(undefined)
    try {
      setSheet(await createClassAccounts(text))
      setText('')
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  const problems = problemsOf(error)

  return (
    <section className="card" data-testid="class-accounts">
      <h2>{t('classroom.accountsTitle')}</h2>
      {!isOwner ? (
        <p>{t('classroom.ownerOnly')}</p>
      ) : (
        <>
          <p>{t('classroom.accountsLead')}</p>
          <div className="field">
            <label className="field__label" htmlFor="class-list">
              {t('classroom.list')}
            </label>
            <textarea
              id="class-list"
              className="input input--area"
              rows={8}
              value={text}
              placeholder={'张伟\n李雷,lilei@example.com'}
              onChange={(e) => setText(e.target.value)}
              data-testid="class-list"
            />
          </div>
          <div className="toolbar">
            <label className="btn">
              {t('classroom.file')}
              <input
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                hidden
                onChange={(e) => void readFile(e)}
              />
            </label>
            <span className="toolbar__spacer" />
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy || !text.trim()}
              onClick={() => void submit()}
              data-testid="class-create"
            >
              {t(busy ? 'classroom.creating' : 'classroom.create')}
            </button>
          </div>
          {problems.length > 0 ? (
            <div className="notice notice--error" role="alert" data-testid="class-problems">
              <p>{t('classroom.problems', { count: problems.length })}</p>
              <ul>
                {problems.map((p) => (
                  <li key={`${p.line}-${p.code}`}>{p.messages[locale]}</li>
                ))}
              </ul>
            </div>
          ) : (
            <ErrorText error={error} />
          )}
        </>
      )}
      {sheet && <AccountSheet sheet={sheet} onClose={() => setSheet(undefined)} />}
    </section>
  )
}
