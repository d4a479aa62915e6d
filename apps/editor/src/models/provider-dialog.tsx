import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CredentialSummary, createCredential, updateCredential } from '../api/credentials-api.ts'
import {
  type ConnectionResult,
  MODEL_PROVIDER_TYPE,
  type ProviderFields,
  type ProviderPreset,
  testProvider,
} from '../api/model-providers-api.ts'
import { useLocalize } from '../i18n/use-locale.ts'
import { Dialog } from '../ui/dialog.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { LabelledSwitch } from '../ui/labelled-switch.tsx'
import { ConnectionResultText } from './connection-result.tsx'
import { ProviderFieldsForm } from './provider-fields-form.tsx'

interface Props {
  /** Sorted for display; the first is the suggestion for a new provider. */
  presets: readonly ProviderPreset[]
  credential?: CredentialSummary | undefined
  onClose(): void
  onSaved(): void
}

/**
 * Add a model provider, or rename one and optionally replace its settings. The key is a password box that starts
 * empty: what was stored is never sent back, so replacing settings means entering the key again.
 */
export function ProviderDialog({ presets, credential, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const first = presets[0]
  const [fields, setFields] = useState<ProviderFields>({
    preset: first?.id ?? 'custom',
    baseURL: '',
    apiKey: '',
    defaultModel: '',
  })
  const preset = presets.find((p) => p.id === fields.preset)
  const [name, setName] = useState(credential?.name ?? '')
  // A new provider is named after its service until the person types a name of their own.
  const shownName = credential || name ? name : localize(preset?.label)
  const [replace, setReplace] = useState(!credential)
  const [result, setResult] = useState<ConnectionResult>()
  const [error, setError] = useState<unknown>()
  const [missing, setMissing] = useState<string>()
  const [busy, setBusy] = useState<'test' | 'save'>()

  const update = (next: Partial<ProviderFields>) => {
    setFields({ ...fields, ...next })
    setResult(undefined)
    setMissing(undefined)
  }

  /** What the server would refuse anyway, said next to the form and before any request. */
  const check = (): boolean => {
    if (preset?.requiresKey && !fields.apiKey.trim()) setMissing(t('providers.needKey'))
    else if (preset && !preset.baseURL && preset.id !== 'demo' && !fields.baseURL.trim())
      setMissing(t('providers.needUrl'))
    else return true
    return false
  }

  // The demo model has no address or key; sending empty ones keeps the stored hint short.
  const data = (): ProviderFields =>
    fields.preset === 'demo'
      ? { preset: 'demo', baseURL: '', apiKey: '', defaultModel: fields.defaultModel.trim() }
      : {
          preset: fields.preset,
          baseURL: fields.baseURL.trim(),
          apiKey: fields.apiKey.trim(),
          defaultModel: fields.defaultModel.trim(),
        }

  const run = async (kind: 'test' | 'save', action: () => Promise<void>) => {
    setBusy(kind)
    setError(undefined)
    try {
      await action()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(undefined)
    }
  }

  const test = () => {
    if (!check()) return
    void run('test', async () => setResult(await testProvider(data())))
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (replace && !check()) return
    const values = data()
    void run('save', async () => {
      if (credential) await updateCredential(credential.id, { name, ...(replace ? { data: values } : {}) })
      else await createCredential({ name: shownName.trim(), type: MODEL_PROVIDER_TYPE, data: values })
      onSaved()
    })
  }

  return (
    <Dialog
      title={t(credential ? 'providers.editTitle' : 'providers.newTitle')}
      onClose={onClose}
      testId="provider-dialog"
    >
      <form onSubmit={submit}>
        {replace && (
          <ProviderFieldsForm presets={presets} fields={fields} models={result?.models} onChange={update} />
        )}
        <div className="field">
          <label className="field__label" htmlFor="provider-name">
            {t('providers.name')}
          </label>
          <input
            id="provider-name"
            className="input"
            required
            maxLength={200}
            value={shownName}
            onChange={(e) => setName(e.target.value)}
            data-testid="provider-name"
          />
          <p className="field__help">{t('providers.nameHelp')}</p>
        </div>
        {credential && (
          <LabelledSwitch checked={replace} onChange={setReplace}>
            {t('providers.replace')}
          </LabelledSwitch>
        )}
        {missing && (
          <p className="field__problem field__problem--error" role="alert">
            {missing}
          </p>
        )}
        {result && <ConnectionResultText result={result} />}
        <ErrorText error={error} />
        <div className="dialog__actions">
          {replace && (
            <button
              type="button"
              className="btn"
              disabled={busy !== undefined}
              onClick={test}
              data-testid="provider-test"
            >
              {busy === 'test' ? t('providers.testing') : t('providers.test.button')}
            </button>
          )}
          <span className="toolbar__spacer" />
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn--primary"
            disabled={busy !== undefined}
            data-testid="provider-save"
          >
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
