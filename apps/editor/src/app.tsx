import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { UNAUTHORIZED_EVENT } from './api/request.ts'
import { useCatalogue } from './catalogue/catalogue-store.ts'
import { ApprovalsPage } from './pages/approvals-page.tsx'
import { ClassPage } from './pages/class-page.tsx'
import { ConversationsPage } from './pages/conversations-page.tsx'
import { CredentialsPage } from './pages/credentials-page.tsx'
import { DemoInboxPage } from './pages/demo-inbox-page.tsx'
import { EditorPage } from './pages/editor-page.tsx'
import { FlowsPage } from './pages/flows-page.tsx'
import { KnowledgePage } from './pages/knowledge-page.tsx'
import { LoginPage } from './pages/login-page.tsx'
import { RunPage } from './pages/run-page.tsx'
import { RunsPage } from './pages/runs-page.tsx'
import { SettingsPage } from './pages/settings-page.tsx'
import { SetupPage } from './pages/setup-page.tsx'
import { useRoute } from './routing/use-route.ts'
import { useSession } from './session/session-store.ts'
import { SharedFlowPage, sharedTokenOf } from './sharing/shared-flow-page.tsx'
import { AppHeader } from './ui/app-header.tsx'
import { ErrorText } from './ui/error-text.tsx'
import { StorageFullBanner } from './ui/storage-full-banner.tsx'

/** Decides what the person may see (setup, sign-in, or the app) and which page the address names. */
export function App() {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  const route = useRoute()
  const catalogue = useCatalogue((s) => s.status)

  useEffect(() => {
    void useSession.getState().check()
    const onUnauthorized = () => useSession.setState({ session: { status: 'signed-out' } })
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized)
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized)
  }, [])

  useEffect(() => {
    if (session.status === 'signed-in') void useCatalogue.getState().load()
  }, [session.status])

  useEffect(() => {
    document.title = t('app.title')
  }, [t])

  // A share link (/s/<token>) opens without signing in; it checks the session only to offer a copy.
  const sharedToken = sharedTokenOf(window.location.pathname)
  if (sharedToken) return <SharedFlowPage token={sharedToken} />
  if (session.status === 'checking') return <p className="page-message">{t('common.loading')}</p>
  if (session.status === 'offline') {
    return (
      <main className="page-message">
        <ErrorText error={session.error} />
        <button type="button" className="btn btn--primary" onClick={() => void useSession.getState().check()}>
          {t('common.retry')}
        </button>
      </main>
    )
  }
  if (session.status === 'needs-setup') return <SetupPage />
  if (session.status === 'signed-out') return <LoginPage />
  if (catalogue === 'error') {
    return (
      <main className="page-message">
        <p className="error-text">{t('errors.catalogue')}</p>
        <button type="button" className="btn btn--primary" onClick={() => location.reload()}>
          {t('common.retry')}
        </button>
      </main>
    )
  }

  return (
    <div className="app">
      <AppHeader route={route} user={session.user} />
      <StorageFullBanner />
      <main className="app__main">
        {catalogue !== 'ready' ? (
          <p className="page-message">{t('common.loading')}</p>
        ) : route.page === 'editor' ? (
          <EditorPage
            key={route.flowId}
            flowId={route.flowId}
            {...(route.runId ? { runId: route.runId } : {})}
          />
        ) : route.page === 'conversations' ? (
          <ConversationsPage flowId={route.flowId} />
        ) : route.page === 'runs' ? (
          <RunsPage flowId={route.flowId} status={route.status} />
        ) : route.page === 'run' ? (
          <RunPage key={route.runId} runId={route.runId} />
        ) : route.page === 'credentials' ? (
          <CredentialsPage />
        ) : route.page === 'settings' ? (
          <SettingsPage />
        ) : route.page === 'approvals' ? (
          <ApprovalsPage runId={route.runId} />
        ) : route.page === 'classroom' ? (
          <ClassPage />
        ) : route.page === 'demo' ? (
          <DemoInboxPage />
        ) : route.page === 'knowledge' ? (
          <KnowledgePage />
        ) : (
          <FlowsPage />
        )}
      </main>
    </div>
  )
}
