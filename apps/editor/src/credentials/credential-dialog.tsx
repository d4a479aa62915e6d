import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type CredentialSummary,
  type CredentialType,
  createCredential,
  listCredentialTypes,
  updateCredential,
} from '../api/credentials-api.ts'
import { fieldsOf } from '../catalogue/schema-fields.ts'
import { useLocalize } from '../i18n/use-locale.ts'
import { Dialog } from '../ui/dialog.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { LabelledSwitch } from '../ui/labelled-switch.tsx'
import { CredentialInput } from './credential-input.tsx'

interface Props {
  credential?: CredentialSummary | undefined
  onClose(): void
  onSaved(): void
}

/**
 * Create a credential, or rename one and optionally replace its data. The fields come from the server's credential
 * types; secret fields are password boxes that always start empty, since what was stored is never sent back.
 */
export function CredentialDialog({ credential, onClose, onSaved }: Props) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const [types, setTypes] = useState<CredentialType[]>()
  const [name, setName] = useState(credential?.name ?? '')
  const [type, setType] = useState(credential?.type ?? '')
  const [replace, setReplace] = useState(!credential)
  const [data, setData] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    listCredentialTypes()
      .then((items) => {
        setTypes(items)
        setType((current) => current || (items[0]?.type ?? ''))
      })
      .catch(setError)
  }, [])

  const spec = types?.find((x) => x.type === type)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      if (credential) await updateCredential(credential.id, { name, ...(replace ? { data } : {}) })
      else await createCredential({ name, type, data })
      onSaved()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t(credential ? 'credentials.editTitle' : 'credentials.newTitle')}
      onClose={onClose}
      testId="credential-dialog"
    >
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label className="field__label" htmlFor="cred-name">
            {t('credentials.name')}
          </label>
          <input
            id="cred-name"
            className="input"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="cred-type">
            {t('credentials.type')}
          </label>
          <select
            id="cred-type"
            className="input"
            disabled={!!credential}
            value={type}
            onChange={(e) => {
              setType(e.target.value)
              setData({})
            }}
          >
            {types?.map((x) => (
              <option key={x.type} value={x.type}>
                {localize(x.label)}
              </option>
            ))}
          </select>
          {spec && <p className="field__help">{localize(spec.description)}</p>}
        </div>
        {credential && (
          <LabelledSwitch checked={replace} onChange={setReplace}>
            {t('credentials.replaceData')}
          </LabelledSwitch>
        )}
        {replace &&
          fieldsOf(spec?.schema).map((f) => (
            <div className="field" key={f.key}>
              <label className="field__label" htmlFor={`cred-${f.key}`}>
                {localize(f.ui?.label) || f.key}
              </label>
              <CredentialInput
                id={`cred-${f.key}`}
                field={f}
                value={data[f.key] ?? ''}
                onChange={(value) => setData({ ...data, [f.key]: value })}
              />
              {f.ui?.help && <p className="field__help">{localize(f.ui.help)}</p>}
            </div>
          ))}
        {replace && (
          <p className="field__help">{t(credential ? 'credentials.secretKeep' : 'credentials.secretOnce')}</p>
        )}
        <ErrorText error={error} />
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy || !spec}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
