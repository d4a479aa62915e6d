import { useTranslation } from 'react-i18next'
import type { UserView } from '../api/auth-api.ts'
import { hrefFor, type Route } from '../routing/use-route.ts'
import { useSession } from '../session/session-store.ts'
import { LanguageSwitch } from './language-switch.tsx'
import { useWaitingApprovals } from './waiting-approvals.ts'

const links = [
  { page: 'flows', key: 'nav.flows' },
  { page: 'runs', key: 'nav.runs' },
  { page: 'approvals', key: 'nav.approvals' },
  { page: 'demo', key: 'nav.demo' },
  { page: 'knowledge', key: 'nav.knowledge' },
  { page: 'credentials', key: 'nav.credentials' },
  { page: 'settings', key: 'nav.settings' },
] as const
// Classes are run by those who share lessons: editors and owners.
const teacherLinks = [{ page: 'classroom', key: 'nav.classroom' }] as const

/** The top bar on every page: where you are, where else you can go, the language and signing out. */
export function AppHeader({ route, user }: { route: Route; user: UserView }) {
  const { t } = useTranslation()
  const current = route.page === 'editor' ? 'flows' : route.page === 'run' ? 'runs' : route.page
  const waiting = useWaitingApprovals(route)
  return (
    <header className="app-header">
      <a className="app-header__brand" href="#/flows">
        {t('app.name')}
      </a>
      <nav aria-label={t('nav.label')}>
        {[...links, ...(user.role === 'owner' || user.role === 'editor' ? teacherLinks : [])].map((l) => (
          <a
            key={l.page}
            href={hrefFor({ page: l.page })}
            aria-current={current === l.page ? 'page' : undefined}
          >
            {t(l.key)}
            {l.page === 'approvals' && waiting > 0 && (
              <span
                className="nav-count"
                data-testid="approvals-count"
                title={t('approvals.count', { count: waiting })}
              >
                {waiting}
              </span>
            )}
          </a>
        ))}
      </nav>
      <span className="toolbar__spacer" />
      <LanguageSwitch />
      <span className="app-header__user" title={user.email}>
        {user.name ?? user.email}
      </span>
      <button type="button" className="btn btn--ghost" onClick={() => void useSession.getState().signOut()}>
        {t('nav.signOut')}
      </button>
    </header>
  )
}
