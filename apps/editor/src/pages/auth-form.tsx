import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserView } from '../api/auth-api.ts'
import { useSession } from '../session/session-store.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { LanguageSwitch } from '../ui/language-switch.tsx'

interface Props {
  title: string
  lead: string
  submitLabel: string
  /** The new-password rules are shown on setup only. */
  newPassword?: boolean
  submit(email: string, password: string): Promise<{ user: UserView }>
}

/** E-mail and password on a plain card: the same form signs in and creates the first (owner) account. */
export function AuthForm({ title, lead, submitLabel, newPassword, submit }: Props) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const { user } = await submit(email.trim(), password)
      useSession.getState().signedIn(user)
      if (!location.hash || location.hash === '#/login' || location.hash === '#/setup')
        location.hash = '#/flows'
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="auth">
      <div className="auth__lang">
        <LanguageSwitch />
      </div>
      <form className="auth__card" onSubmit={(e) => void onSubmit(e)}>
        <p className="auth__brand">{t('app.name')}</p>
        <h1>{title}</h1>
        <p className="auth__lead">{lead}</p>
        <div className="field">
          <label className="field__label" htmlFor="auth-email">
            {t(newPassword ? 'auth.email' : 'auth.emailOrLogin')}
          </label>
          <input
            id="auth-email"
            className="input"
            // Class accounts sign in with a login name, which is not an e-mail address.
            type={newPassword ? 'email' : 'text'}
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="auth-email"
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="auth-password">
            {t('auth.password')}
          </label>
          <input
            id="auth-password"
            className="input"
            type="password"
            autoComplete={newPassword ? 'new-password' : 'current-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="auth-password"
          />
          {newPassword && <p className="field__help">{t('auth.passwordRule')}</p>}
        </div>
        <ErrorText error={error} fieldLabels={{ email: t('auth.email'), password: t('auth.password') }} />
        <button
          type="submit"
          className="btn btn--primary btn--block"
          disabled={busy}
          data-testid="auth-submit"
        >
          {busy ? t('common.wait') : submitLabel}
        </button>
      </form>
    </main>
  )
}
