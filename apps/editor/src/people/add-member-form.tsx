import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { addUser, type Role } from '../api/users-api.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { readablePassword } from './readable-password.ts'

const ROLES: Role[] = ['editor', 'viewer', 'owner']

/** Email, first password and a role explained in plain words; the owner passes the first two on by hand. */
export function AddMemberForm({ onAdded }: { onAdded(email: string): void }) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<Role>('editor')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const { user } = await addUser(email.trim(), password, role)
      setEmail('')
      setPassword('')
      onAdded(user.email)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="member-form" onSubmit={(e) => void submit(e)} data-testid="add-member">
      <h3>{t('members.add')}</h3>
      <label className="field">
        <span className="field__label">{t('members.email')}</span>
        <input
          className="input"
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="member-email"
        />
      </label>
      <div className="field">
        <label className="field__label" htmlFor="member-password">
          {t('members.password')}
        </label>
        <div className="copy-field">
          <input
            id="member-password"
            className="input"
            required
            minLength={8}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby="member-password-help"
            data-testid="member-password"
          />
          <button type="button" className="btn" onClick={() => setPassword(readablePassword())}>
            {t('members.generate')}
          </button>
        </div>
        <p className="field__help" id="member-password-help">
          {t('members.passwordHelp')}
        </p>
      </div>
      <fieldset className="field member-form__roles">
        <legend className="field__label">{t('members.role')}</legend>
        {ROLES.map((r) => (
          <label key={r} className="member-form__role">
            <input
              type="radio"
              name="member-role"
              value={r}
              checked={role === r}
              onChange={() => setRole(r)}
              data-testid={`member-role-${r}`}
            />
            <span>
              <strong>{t(`members.roles.${r}`)}</strong> — {t(`members.roleHelp.${r}`)}
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorText error={error} />
      <button type="submit" className="btn btn--primary" disabled={busy} data-testid="member-submit">
        {t('members.add')}
      </button>
    </form>
  )
}
