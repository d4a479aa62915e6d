import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react'
import type { CatalogueEntry, Flow } from '@zhiliu/nodes'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/request.ts'
import { copySharedFlow, getSharedFlow } from '../api/sharing-api.ts'
import { edgeTypes, nodeTypes } from '../canvas/canvas-types.ts'
import { useCatalogue } from '../catalogue/catalogue-store.ts'
import { useEditor } from '../editor/editor-store.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { LoginPage } from '../pages/login-page.tsx'
import { useSession } from '../session/session-store.ts'
import { ChoiceButtons } from '../ui/choice-buttons.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { LanguageSwitch } from '../ui/language-switch.tsx'
import { PHONE_SCREEN, useMediaQuery } from '../ui/use-media-query.ts'
import { flowSteps } from './flow-steps.ts'
import { SharedStepList } from './shared-step-list.tsx'

/** The token of a share page address (`/s/<token>`), or undefined for every other page. */
export function sharedTokenOf(pathname: string): string | undefined {
  return /^\/s\/([\w-]{1,100})\/?$/.exec(pathname)?.[1]
}

type Load =
  | { status: 'loading' }
  | { status: 'ready'; flow: Flow; entries: ReadonlyMap<string, CatalogueEntry> }
  | { status: 'gone' }
  | { status: 'error'; error: unknown }

/**
 * What a student sees after scanning the QR code: the flow, read-only, with no sign-in needed. On a phone that is
 * a list of its steps to read and tap open (a canvas fitted to 390 pixels shrinks the text to about 8 pixels), with
 * a switch to the canvas that pans and zooms with a finger; on a wider screen it is the canvas. Signed in (or after signing in here), they make their own copy and go on in
 * the editor. The data comes from the anonymous share endpoint, which has already left every secret out.
 */
export function SharedFlowPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const session = useSession((s) => s.session)
  const [signingIn, setSigningIn] = useState(false)
  const [copying, setCopying] = useState(false)
  const [error, setError] = useState<unknown>()

  useEffect(() => {
    getSharedFlow(token)
      .then(({ flow, nodes }) => {
        // The page's node views read the catalogue store; the share answer carries the entries they need.
        const byKey = new Map(nodes.map((e) => [`${e.type}@${e.version}`, e]))
        if (useCatalogue.getState().status !== 'ready')
          useCatalogue.setState({ status: 'ready', entries: nodes, byKey })
        useEditor.getState().load(`shared:${token}`, flow)
        setLoad({ status: 'ready', flow, entries: byKey })
      })
      .catch((err: unknown) =>
        setLoad(
          err instanceof ApiError && err.status === 404
            ? { status: 'gone' }
            : { status: 'error', error: err },
        ),
      )
  }, [token])

  const phone = useMediaQuery(PHONE_SCREEN)
  // The student's own choice wins; until they make one, the screen's width decides.
  const [viewChoice, setViewChoice] = useState<'steps' | 'canvas'>()
  const view = viewChoice ?? (phone ? 'steps' : 'canvas')
  const locale = useLocale()
  const steps = useMemo(
    () =>
      load.status === 'ready'
        ? flowSteps(load.flow, (type, version) => load.entries.get(`${type}@${version}`), locale)
        : [],
    [load, locale],
  )

  const signedIn = session.status === 'signed-in'
  if (signingIn && !signedIn) return <LoginPage />

  const copy = async () => {
    setCopying(true)
    setError(undefined)
    try {
      const { id } = await copySharedFlow(token)
      window.location.assign(`/#/flows/${encodeURIComponent(id)}`)
    } catch (err) {
      setError(err)
      setCopying(false)
    }
  }

  return (
    <div className="shared" data-testid="shared-page">
      <header className="shared__head">
        <h1 className="shared__title" data-testid="shared-title">
          {load.status === 'ready' ? load.flow.name : t('app.name')}
        </h1>
        {load.status === 'ready' && <span className="shared__badge">{t('shared.readOnly')}</span>}
        <span className="toolbar__spacer" />
        <LanguageSwitch />
        {load.status === 'ready' &&
          (signedIn ? (
            session.user.role === 'viewer' ? (
              <span className="field__help">{t('shared.noCopy')}</span>
            ) : (
              <button
                type="button"
                className="btn btn--primary"
                disabled={copying}
                onClick={() => void copy()}
                data-testid="shared-copy"
              >
                {t(copying ? 'shared.copying' : 'shared.copy')}
              </button>
            )
          ) : (
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setSigningIn(true)}
              data-testid="shared-sign-in"
            >
              {t('shared.signInToCopy')}
            </button>
          ))}
      </header>
      <ErrorText error={error} />
      {load.status === 'loading' && <p className="page-message">{t('common.loading')}</p>}
      {load.status === 'gone' && (
        <p className="page-message" role="alert" data-testid="shared-gone">
          {t('shared.notFound')}
        </p>
      )}
      {load.status === 'error' && <ErrorText error={load.error} />}
      {load.status === 'ready' && phone && (
        <ChoiceButtons
          legend={t('shared.viewLabel')}
          options={[
            { value: 'steps', label: t('shared.viewSteps') },
            { value: 'canvas', label: t('shared.viewCanvas') },
          ]}
          value={view}
          onChange={setViewChoice}
          className="shared__views"
          testIdPrefix="shared-view-"
        />
      )}
      {load.status === 'ready' && view === 'steps' && <SharedStepList steps={steps} />}
      {load.status === 'ready' && view === 'canvas' && (
        <ReactFlowProvider>
          <SharedCanvas />
        </ReactFlowProvider>
      )}
      {load.status === 'ready' && view === 'canvas' && <p className="shared__tip">{t('shared.tip')}</p>}
    </div>
  )
}

function SharedCanvas() {
  const nodes = useEditor((s) => s.nodes)
  const edges = useEditor((s) => s.edges)
  return (
    <div className="shared__canvas" data-testid="shared-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.1, minZoom: 0.2 }}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  )
}
