import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserView } from '../api/auth-api.ts'
import { resetPassword } from '../api/users-api.ts'
import { CopyField } from '../ui/copy-field.tsx'
import { Dialog } from '../ui/dialog.tsx'
import { ErrorText } from '../ui/error-text.tsx'

/** A new password for a colleague: made up by the server or typed by the owner, then shown once to pass on. */
export function ResetPasswordDialog({ user, onClose }: { user: UserView; onClose(): void }) {
  const { t } = useTranslation()
  const [mode, setMode] = useState<'generated' | 'typed'>('generated')
  const [typed, setTyped] = useState('')
  const [result, setResult] = useState<string>()
  const [error, setError] = useState<unknown>()

  const submit = async () => {
    setError(undefined)
    try {
      setResult((await resetPassword(user.id, mode === 'typed' ? typed : undefined)).password)
    } catch (err) {
      setError(err)
    }
  }

  return (
    <Dialog title={t('members.reset.title', { email: user.email })} onClose={onClose} testId="reset-password">
      {result ? (
        <>
          <CopyField label={t('members.reset.done')} value={result} testId="new-password" />
          <p className="notice notice--info">{t('members.reset.once')}</p>
          <button type="button" className="btn btn--primary" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      ) : (
        <>
          <p>{t('members.reset.lead')}</p>
          {(['generated', 'typed'] as const).map((m) => (
            <label key={m} className="member-form__role">
              <input
                type="radio"
                name="reset-mode"
                checked={mode === m}
                onChange={() => setMode(m)}
                data-testid={`reset-${m}`}
              />
              {t(`members.reset.${m}`)}
            </label>
          ))}
          {mode === 'typed' && (
            <label className="field">
              <span className="field__label">{t('members.reset.newPassword')}</span>
              <input
                className="input"
                autoComplete="new-password"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                data-testid="reset-typed-password"
              />
              <span className="field__help">{t('members.passwordHelp')}</span>
            </label>
          )}
          <ErrorText error={error} />
          <div className="dialog__actions">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => void submit()}
              data-testid="reset-submit"
            >
              {t('members.reset.submit')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  )
}
