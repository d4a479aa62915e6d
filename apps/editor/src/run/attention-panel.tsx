import type { NodeResult } from '@zhiliu/engine'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttentionDecision } from '../api/runs-api.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { JsonViewer } from './json-viewer.tsx'
import { decideSend } from './run-controller.ts'
import { useRun } from './run-store.ts'

/**
 * For a run that stopped `needs_attention`: each send a crash cut off, with what it was sending, and the three
 * choices a person has (send again, mark as sent with an optional output, mark as failed). The server checks the
 * role (editor or owner).
 */
export function AttentionPanel({ runId }: { runId: string }) {
  const results = useRun((s) => s.results)
  const held = Object.values(results).filter((r) => r.status === 'sending')
  return (
    <>
      {held.map((result) => (
        <HeldSend key={result.key} runId={runId} result={result} />
      ))}
    </>
  )
}

function HeldSend({ runId, result }: { runId: string; result: NodeResult }) {
  const { t } = useTranslation()
  const [output, setOutput] = useState('')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  const decide = async (action: AttentionDecision['action']) => {
    const decision: AttentionDecision = { action, key: result.key }
    if (action === 'markSent' && output.trim()) {
      try {
        decision.output = JSON.parse(output)
      } catch {
        setError(new Error(t('attention.outputInvalid')))
        return
      }
    }
    setBusy(true)
    setError(undefined)
    try {
      await decideSend(runId, decision)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      className="runbar__body attention"
      data-testid="attention"
      aria-labelledby={`attention-${result.key}`}
    >
      <h3 id={`attention-${result.key}`}>{t('attention.title', { node: result.nodeId })}</h3>
      <p>{t('attention.lead')}</p>
      <h4>{t('attention.sending')}</h4>
      <JsonViewer value={result.input} />
      <div className="attention__choices">
        <div className="attention__choice">
          <button type="button" className="btn" disabled={busy} onClick={() => void decide('resend')}>
            {t('attention.resend')}
          </button>
          <span className="panel__note">{t('attention.resendHint')}</span>
        </div>
        <div className="attention__choice">
          <button
            type="button"
            className="btn btn--primary"
            disabled={busy}
            onClick={() => void decide('markSent')}
          >
            {t('attention.markSent')}
          </button>
          <span className="panel__note">{t('attention.markSentHint')}</span>
          <label className="field">
            <span>{t('attention.output')}</span>
            <textarea
              className="input"
              rows={2}
              value={output}
              onChange={(e) => setOutput(e.target.value)}
              data-testid="attention-output"
            />
          </label>
        </div>
        <div className="attention__choice">
          <button
            type="button"
            className="btn btn--danger"
            disabled={busy}
            onClick={() => void decide('fail')}
          >
            {t('attention.fail')}
          </button>
          <span className="panel__note">{t('attention.failHint')}</span>
        </div>
      </div>
      <ErrorText error={error} />
    </section>
  )
}
