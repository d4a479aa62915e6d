import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocale } from '../i18n/use-locale.ts'
import { JsonViewer } from '../run/json-viewer.tsx'
import { CopyField } from '../ui/copy-field.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'
import { curlCommand } from './curl-command.ts'
import { useWebhookTest } from './use-webhook-test.ts'

/** "1:45": what is left of the window, ticking once a second. */
function useTimeLeft(deadline: number): string {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000))
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

function Waiting({ url, deadline, sample }: { url: string; deadline: number; sample: unknown }) {
  const { t } = useTranslation()
  const left = useTimeLeft(deadline)
  return (
    <>
      <p className="notice notice--info" role="status" data-testid="webhook-test-waiting">
        <span className="spinner" aria-hidden="true">
          ◌
        </span>{' '}
        {t('webhook.test.waiting', { time: left })}
      </p>
      <CopyField label={t('webhook.test.url')} value={url} testId="webhook-test-url" />
      <CopyField label={t('webhook.test.curl')} value={curlCommand(url, sample)} multiline />
    </>
  )
}

/**
 * "Wait for a test request", as in n8n: the next call to a one-time test address becomes sample input, without
 * running the flow and without publishing first. `onUse` hands the captured body to the Run form.
 */
export function WebhookTestPanel({
  flowId,
  sample,
  onUse,
}: {
  flowId: string
  /** An example body for the curl command, from the trigger's declared fields. */
  sample: unknown
  onUse(body: unknown): void
}) {
  const { t } = useTranslation()
  const locale = useLocale()
  const { testWindow, deadline, error, busy, start } = useWebhookTest(flowId)
  const status = testWindow?.status
  // The server answers with a path unless it was told its public address.
  const url = testWindow ? new URL(testWindow.testUrl, window.location.origin).href : ''
  const capture = testWindow?.capture
  // The panel sits at the dialog's foot: bring the address, or what arrived and its button, into view.
  const panel = useRef<HTMLElement>(null)
  useEffect(() => {
    if (status === 'waiting' || status === 'captured') panel.current?.scrollIntoView({ block: 'nearest' })
  }, [status])

  return (
    <section
      ref={panel}
      className="card webhook-test"
      aria-labelledby="webhook-test-title"
      data-testid="webhook-test"
    >
      <h3 id="webhook-test-title">{t('webhook.test.title')}</h3>
      {status !== 'captured' && <p className="field__help">{t('webhook.test.lead')}</p>}
      {status === 'waiting' && <Waiting url={url} deadline={deadline} sample={sample} />}
      {status === 'expired' && <p className="notice notice--info">{t('webhook.test.expired')}</p>}
      {status === 'captured' && capture && (
        <>
          <p className="notice notice--ok" role="status">
            {t('webhook.test.captured', { time: formatTime(capture.receivedAt, locale) })}
          </p>
          <h4>{t('webhook.test.body')}</h4>
          <JsonViewer value={capture.body} testId="webhook-test-body" />
          <details className="webhook-test__details">
            <summary>{t('webhook.test.details')}</summary>
            <JsonViewer value={{ headers: capture.headers, query: capture.query }} />
          </details>
        </>
      )}
      <ErrorText error={error} />
      <div className="dialog__actions dialog__actions--start">
        {status === 'captured' && capture && (
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => onUse(capture.body)}
            data-testid="webhook-test-use"
          >
            {t('webhook.test.use')}
          </button>
        )}
        {status !== 'waiting' && (
          <button
            type="button"
            className={status === 'captured' ? 'btn' : 'btn btn--primary'}
            disabled={busy}
            onClick={() => void start()}
            data-testid="webhook-test-start"
          >
            {t(status === undefined ? 'webhook.test.start' : 'webhook.test.again')}
          </button>
        )}
      </div>
      {status === 'captured' && <p className="field__help">{t('webhook.test.useHelp')}</p>}
    </section>
  )
}
