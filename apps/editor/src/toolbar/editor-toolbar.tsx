import { useReactFlow } from '@xyflow/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAutoLayout } from '../canvas/use-auto-layout.ts'
import { useEditor } from '../editor/editor-store.ts'
import { toDocument } from '../editor/flow-mapping.ts'
import { validationOf } from '../editor/validation-view.ts'
import { setPresenter } from '../presenter/presenter-mode.ts'
import { hrefFor } from '../routing/use-route.ts'
import { RunDialog } from '../run/run-dialog.tsx'
import { useRun } from '../run/run-store.ts'
import { inputFromSample, rememberInput } from '../run/test-input-memory.ts'
import { findTrigger, triggerFields } from '../run/trigger-fields.ts'
import { ShareButton } from '../sharing/share-dialog.tsx'
import { downloadJson } from '../ui/download-json.ts'
import { ToolButton, ToolLabel } from '../ui/tool-label.tsx'
import { PublishDialog } from './publish-dialog.tsx'
import { SaveIndicator } from './save-indicator.tsx'
import { UnpublishedBadge } from './unpublished-badge.tsx'
import { WebhookDialog } from './webhook-dialog.tsx'

type Open = 'run' | 'publish' | 'webhook' | undefined

/** The bar above the canvas: the flow's name, save state, problems, undo/redo, layout, export, publish and Run. */
export function EditorToolbar({ flowId }: { flowId: string }) {
  const { t } = useTranslation()
  const name = useEditor((s) => s.meta.name)
  const renameFlow = useEditor((s) => s.renameFlow)
  const canUndo = useEditor((s) => s.history.past.length > 0)
  const canRedo = useEditor((s) => s.history.future.length > 0)
  const errorCount = useEditor((s) => validationOf(s).errorCount)
  const hasWebhook = useEditor((s) => findTrigger(s.nodes)?.data.type === 'trigger.webhook')
  const isChatApp = useEditor((s) => findTrigger(s.nodes)?.data.type === 'trigger.chat')
  const running = useRun((s) => s.status === 'starting' || s.status === 'running' || s.status === 'queued')
  const { layout, busy } = useAutoLayout()
  const flow = useReactFlow()
  const [open, setOpen] = useState<Open>()

  // Jumps to the first node with an error and selects it, so its panel shows what to fix.
  const showFirstProblem = () => {
    const s = useEditor.getState()
    const first = validationOf(s).problems.find((p) => p.severity === 'error' && p.nodeId)
    if (!first?.nodeId) return
    const id = first.nodeId
    useEditor.setState({
      nodes: s.nodes.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })),
    })
    void flow.fitView({ nodes: [{ id }], maxZoom: 1.2, duration: 300 })
  }

  // A captured test request becomes the Run form's remembered input, and the Run form opens with it.
  const runWithCaptured = (body: unknown) => {
    const trigger = findTrigger(useEditor.getState().nodes)
    const fields = triggerFields(trigger?.data.config, trigger?.data.type)
    rememberInput(flowId, inputFromSample(body, fields))
    setOpen('run')
  }

  const exportDocument = () => {
    const { meta, nodes, edges } = useEditor.getState()
    downloadJson(`${name || 'flow'}.json`, toDocument(meta, nodes, edges))
  }

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <a
        className="btn btn--ghost tool--fold-wide"
        href="#/flows"
        title={t('editor.backToFlows')}
        aria-label={t('editor.backToFlows')}
      >
        <ToolLabel icon="back" label={t('editor.backToFlows')} />
      </a>
      <input
        className="toolbar__name"
        value={name}
        title={name}
        aria-label={t('editor.flowName')}
        onChange={(e) => renameFlow(e.target.value)}
        data-testid="flow-name"
      />
      <SaveIndicator />
      <UnpublishedBadge />
      {errorCount > 0 ? (
        <button
          type="button"
          className="btn btn--warn"
          onClick={showFirstProblem}
          data-testid="problem-count"
        >
          {t('editor.problems', { count: errorCount })}
        </button>
      ) : (
        <span className="toolbar__ok">{t('editor.noProblems')}</span>
      )}
      <span className="toolbar__spacer" />
      <button
        type="button"
        className="btn btn--icon"
        disabled={!canUndo}
        onClick={() => useEditor.getState().undo()}
        title={t('editor.undo')}
        aria-label={t('editor.undo')}
      >
        ↶
      </button>
      <button
        type="button"
        className="btn btn--icon"
        disabled={!canRedo}
        onClick={() => useEditor.getState().redo()}
        title={t('editor.redo')}
        aria-label={t('editor.redo')}
      >
        ↷
      </button>
      <ToolButton
        icon="present"
        label={t('presenter.on')}
        fold="wide"
        onClick={() => setPresenter(true)}
        title={t('presenter.hint')}
        data-testid="presenter-on"
      />
      <ToolButton
        icon="layout"
        label={t('editor.layout')}
        fold="wide"
        disabled={busy}
        onClick={() => void layout()}
      />
      <ToolButton icon="export" label={t('editor.export')} fold="wide" onClick={exportDocument} />
      {hasWebhook && (
        <ToolButton
          icon="webhook"
          label={t('editor.webhook')}
          fold="narrow"
          onClick={() => setOpen('webhook')}
          data-testid="open-webhook"
        />
      )}
      {isChatApp && (
        <a
          className="btn tool--fold-narrow"
          href={hrefFor({ page: 'conversations', flowId })}
          title={t('chat.title')}
          aria-label={t('chat.title')}
          data-testid="open-conversations"
        >
          <ToolLabel icon="chat" label={t('chat.title')} />
        </a>
      )}
      <ShareButton flowId={flowId} />
      <button type="button" className="btn" onClick={() => setOpen('publish')} data-testid="open-publish">
        {t('editor.publish')}
      </button>
      <button
        type="button"
        className="btn btn--primary"
        disabled={running}
        onClick={() => setOpen('run')}
        data-testid="open-run"
      >
        ▶ {t(running ? 'editor.running' : 'editor.run')}
      </button>
      {open === 'run' && <RunDialog flowId={flowId} onClose={() => setOpen(undefined)} />}
      {open === 'publish' && <PublishDialog flowId={flowId} onClose={() => setOpen(undefined)} />}
      {open === 'webhook' && (
        <WebhookDialog flowId={flowId} onClose={() => setOpen(undefined)} onUseInput={runWithCaptured} />
      )}
    </div>
  )
}
