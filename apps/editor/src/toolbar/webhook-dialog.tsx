import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { rotateWebhookSecret } from '../api/flows-api.ts'
import { CopyField } from '../ui/copy-field.tsx'
import { Dialog } from '../ui/dialog.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { useWebhookCall } from './webhook-call.ts'
import { WebhookTestPanel } from './webhook-test-panel.tsx'

/**
 * Where other systems send their requests, in which mode the flow answers, and a curl command to try it. The
 * address serves the published version: publish first, or the call is refused. A test request needs no publishing.
 */
export function WebhookDialog({
  flowId,
  onClose,
  onUseInput,
}: {
  flowId: string
  onClose: () => void
  /** A captured test request's body, to run the flow with. */
  onUseInput: (body: unknown) => void
}) {
  const { t } = useTranslation()
  const call = useWebhookCall(flowId)
  const config = call?.config ?? {}
  const mode = typeof config.responseMode === 'string' ? config.responseMode : 'sync'
  const signing = config.signing === true
  const url = call?.url ?? ''
  const body = call?.body ?? {}
  const [secret, setSecret] = useState<string>()
  const [error, setError] = useState<unknown>()
  const newSecret = async () => {
    if (secret === undefined && !window.confirm(t('webhook.confirmSecret'))) return
    setError(undefined)
    try {
      setSecret((await rotateWebhookSecret(flowId)).secret)
    } catch (err) {
      setError(err)
    }
  }
  return (
    <Dialog title={t('webhook.title')} onClose={onClose} testId="webhook-dialog" wide>
      <p className="dialog__lead">{t('webhook.lead')}</p>
      <CopyField label={t('webhook.url')} value={url} testId="webhook-url" />
      <dl className="facts">
        <dt>{t('webhook.mode')}</dt>
        <dd>{t(`webhook.modes.${mode}`, { defaultValue: mode })}</dd>
        <dt>{t('webhook.signing')}</dt>
        <dd>{t(signing ? 'webhook.signingOn' : 'webhook.signingOff')}</dd>
      </dl>
      {signing && (
        <div className="card">
          <p>{t('webhook.secretLead')}</p>
          {secret ? (
            <>
              <CopyField label={t('webhook.secret')} value={secret} testId="webhook-secret" />
              <p className="notice notice--error">{t('webhook.secretOnce')}</p>
            </>
          ) : (
            <button type="button" className="btn" onClick={() => void newSecret()}>
              {t('webhook.makeSecret')}
            </button>
          )}
          <ErrorText error={error} />
        </div>
      )}
      <CopyField label={t('webhook.curl')} value={call?.curl ?? ''} multiline testId="webhook-curl" />
      <p className="field__help">{t('webhook.publishFirst')}</p>
      <WebhookTestPanel flowId={flowId} sample={body} onUse={onUseInput} />
    </Dialog>
  )
}
