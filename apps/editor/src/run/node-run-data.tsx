import { useTranslation } from 'react-i18next'
import { StatusBadge } from '../canvas/status-badge.tsx'
import { useEditor } from '../editor/editor-store.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { hrefFor } from '../routing/use-route.ts'
import { RunErrorText } from '../ui/error-text.tsx'
import { AgentSteps, agentStepsOf } from './agent-steps.tsx'
import { calledRunIdOf } from './called-run.ts'
import { JsonViewer } from './json-viewer.tsx'
import { liveText } from './live-text.ts'
import { MediaPreview } from './media-preview.tsx'
import { ResultView } from './result-view.tsx'
import { RetrievedChunks, retrievedChunksOf } from './retrieved-chunks.tsx'
import { rerunFrom } from './run-controller.ts'
import { useRun } from './run-store.ts'
import { useFieldLabel } from './use-field-label.ts'

/** What one node received and produced in the run on screen, and how long it took. */
export function NodeRunData({ nodeId, readOnly }: { nodeId: string; readOnly: boolean }) {
  const { t } = useTranslation()
  const runId = useRun((s) => s.runId)
  const runStatus = useRun((s) => s.status)
  const status = useRun((s) => s.nodeStatus[nodeId])
  const result = useRun((s) => s.results[nodeId])
  const text = useRun((s) => s.text[nodeId])
  const node = useEditor((s) => s.nodes.find((n) => n.id === nodeId))
  const locale = useLocale()
  const fieldLabel = useFieldLabel(nodeId, result?.error)
  if (!runId) return <p className="panel__body panel__note">{t('inspect.noRun')}</p>
  const steps =
    agentStepsOf(result && 'output' in result ? result.output : undefined) ??
    agentStepsOf(result?.error?.details)
  const calledRunId = calledRunIdOf(node?.data.type, result)
  const retrieved = retrievedChunksOf(result && 'output' in result ? result.output : undefined)
  const busy = runStatus === 'running' || runStatus === 'starting' || runStatus === 'queued'
  return (
    <div className="panel__body inspect" data-testid="node-run-data">
      <div className="inspect__head">
        {status ? (
          <StatusBadge status={status} />
        ) : (
          <span className="panel__note">{t('inspect.notReached')}</span>
        )}
        {result && (
          <span className="inspect__timing">
            {t('inspect.took', { ms: result.finishedAt - result.startedAt })}
            {result.attempts > 1 && ` · ${t('inspect.attempts', { count: result.attempts })}`}
          </span>
        )}
      </div>
      {calledRunId && (
        <a
          className="btn btn--small"
          href={hrefFor({ page: 'run', runId: calledRunId })}
          data-testid="called-run"
        >
          {t('inspect.calledRun')}
        </a>
      )}
      {text && status === 'running' && (
        <section>
          <h3>{t('inspect.streaming')}</h3>
          <pre className="inspect__stream" data-testid="node-stream">
            {node ? liveText(text, node.data, locale) : text}
          </pre>
        </section>
      )}
      {result?.error && (
        <section className="inspect__error" role="alert">
          <h3>{t('inspect.error')}</h3>
          <RunErrorText error={result.error} fieldLabel={fieldLabel} />
          {result.error.details !== undefined && <JsonViewer value={result.error.details} />}
        </section>
      )}
      {steps && <AgentSteps steps={steps} />}
      {retrieved && <RetrievedChunks chunks={retrieved} />}
      {result && 'output' in result && result.output !== undefined && (
        <section>
          <h3>{t('inspect.output')}</h3>
          <MediaPreview output={result.output} />
          <ResultView value={result.output} testId="node-output" />
        </section>
      )}
      {result?.input !== undefined && (
        <section>
          <h3>{t('inspect.input')}</h3>
          <ResultView value={result.input} testId="node-input" />
        </section>
      )}
      {!readOnly && (
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => void rerunFrom(runId, nodeId)}
          data-testid="rerun-from-here"
        >
          {t('inspect.rerunFromHere')}
        </button>
      )}
    </div>
  )
}
