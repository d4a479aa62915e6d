import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserView } from '../api/auth-api.ts'
import { changeUser, deleteUser, listUsers, type Role } from '../api/users-api.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { useSession } from '../session/session-store.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'
import { AddMemberForm } from './add-member-form.tsx'
import { ResetPasswordDialog } from './reset-password-dialog.tsx'

/** 成员: the owner adds colleagues with a role, changes roles, resets passwords, disables and deletes accounts. */
export function MembersSection() {
  const { t } = useTranslation()
  const locale = useLocale()
  const me = useSession((s) => (s.session.status === 'signed-in' ? s.session.user : undefined))
  const [users, setUsers] = useState<UserView[]>()
  const [error, setError] = useState<unknown>()
  const [added, setAdded] = useState<string>()
  const [resetting, setResetting] = useState<UserView>()
  const isOwner = me?.role === 'owner'

  const reload = useCallback(() => {
    listUsers()
      .then((r) => setUsers(r.items))
      .catch(setError)
  }, [])
  useEffect(() => {
    if (isOwner) reload()
  }, [isOwner, reload])

  const act = async (work: () => Promise<unknown>) => {
    setError(undefined)
    setAdded(undefined)
    try {
      await work()
      reload()
    } catch (err) {
      setError(err)
    }
  }
  const setRole = (u: UserView, role: Role) => act(() => changeUser(u.id, { role }))
  const toggle = (u: UserView) => {
    const disabling = u.disabledAt === null
    if (disabling && !window.confirm(t('members.confirmDisable', { email: u.email }))) return
    void act(() => changeUser(u.id, { disabled: disabling }))
  }
  const remove = (u: UserView) => {
    if (!window.confirm(t('members.confirmDelete', { email: u.email }))) return
    void act(() => deleteUser(u.id))
  }

  return (
    <section className="card" id="members" aria-labelledby="members-title" data-testid="members">
      <h2 id="members-title">{t('members.title')}</h2>
      <p>{t('members.lead')}</p>
      {!isOwner && <p className="notice notice--info">{t('members.ownerOnly')}</p>}
      <ErrorText error={error} />
      {added && (
        <p className="notice notice--ok" role="status" data-testid="member-added">
          {t('members.added', { email: added })}
        </p>
      )}
      {isOwner && users && (
        <table className="table" data-testid="member-list">
          <thead>
            <tr>
              <th>{t('members.email')}</th>
              <th>{t('members.role')}</th>
              <th>{t('members.status')}</th>
              <th>{t('members.created')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const self = u.id === me?.id
              return (
                <tr key={u.id} data-testid={`member-${u.email}`}>
                  <td>
                    {u.email} {self && t('members.you')}
                  </td>
                  <td>
                    <select
                      className="input input--compact"
                      value={u.role}
                      aria-label={t('members.role')}
                      onChange={(e) => void setRole(u, e.target.value as Role)}
                    >
                      {(['owner', 'editor', 'student', 'viewer'] as const).map((r) => (
                        <option key={r} value={r}>
                          {t(`members.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{u.disabledAt === null ? t('members.active') : t('members.disabled')}</td>
                  <td>{formatTime(u.createdAt, locale)}</td>
                  <td className="table__actions">
                    <button type="button" className="btn btn--small" onClick={() => setResetting(u)}>
                      {t('members.resetPassword')}
                    </button>
                    {!self && (
                      <>
                        <button type="button" className="btn btn--small" onClick={() => toggle(u)}>
                          {u.disabledAt === null ? t('members.disable') : t('members.enable')}
                        </button>
                        <button
                          type="button"
                          className="btn btn--small btn--danger"
                          onClick={() => remove(u)}
                        >
                          {t('members.delete')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {isOwner && (
        <AddMemberForm
          onAdded={(email) => {
            reload()
            setError(undefined)
            setAdded(email)
          }}
        />
      )}
      {resetting && <ResetPasswordDialog user={resetting} onClose={() => setResetting(undefined)} />}
    </section>
  )
}
