import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getRunStorage, type RunStorage, setRunHistoryBudget } from '../api/settings-api.ts'
import { useIsOwner } from '../session/session-store.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { formatBytes } from '../ui/format-bytes.ts'
import { NumberSettingForm } from '../ui/number-setting-form.tsx'

const MB = 1_000_000

/** The run history's size, its growth and the size limit: the owner sets the limit, everyone reads the figures. */
export function RunStorageSection() {
  const { t } = useTranslation()
  const isOwner = useIsOwner()
  const [storage, setStorage] = useState<RunStorage>()
  const [maxMb, setMaxMb] = useState('')
  const [error, setError] = useState<unknown>()
  const [problem, setProblem] = useState(false)
  const [saved, setSaved] = useState(false)

  const show = useCallback((next: RunStorage) => {
    setStorage(next)
    setMaxMb(String(Math.round(next.maxBytes / MB)))
  }, [])

  useEffect(() => {
    getRunStorage().then(show).catch(setError)
  }, [show])

  const save = async () => {
    setSaved(false)
    const value = Number(maxMb.trim())
    const valid = maxMb.trim() !== '' && Number.isInteger(value) && value >= 0
    setProblem(!valid)
    if (!valid) return
    try {
      show(await setRunHistoryBudget({ maxBytes: value * MB }))
      setSaved(true)
    } catch (err) {
      setError(err)
    }
  }

  const over = storage && storage.maxBytes > 0 && storage.projectedBytes > storage.maxBytes
  return (
    <section className="card" aria-labelledby="storage-title" data-testid="run-storage">
      <h2 id="storage-title">{t('storage.title')}</h2>
      <p>{t('storage.lead')}</p>
      {storage && (
        <dl className="storage__figures">
          <dt>{t('storage.size')}</dt>
          <dd data-testid="storage-size">
            {formatBytes(storage.bytes)} · {t('storage.runs', { count: storage.runs })}
          </dd>
          <dt>{t('storage.perDay')}</dt>
          <dd data-testid="storage-per-day">{t('storage.perDayValue', { count: storage.runsPerDay })}</dd>
          <dt>{t('storage.projected', { days: storage.projectedDays })}</dt>
          <dd data-testid="storage-projected">
            {formatBytes(storage.projectedBytes)}
            {over && ` · ${t('storage.overBudget')}`}
          </dd>
          <dt>{t('storage.max')}</dt>
          <dd data-testid="storage-max">
            {storage.maxBytes === 0 ? t('storage.noLimit') : formatBytes(storage.maxBytes)}
          </dd>
        </dl>
      )}
      {isOwner && storage && (
        <NumberSettingForm
          label={t('storage.maxMb')}
          value={maxMb}
          onChange={(value) => {
            setMaxMb(value)
            setSaved(false)
          }}
          onSave={() => void save()}
          saved={saved}
          invalid={problem}
          testIds={{ input: 'storage-max-mb', save: 'storage-save' }}
        />
      )}
      {isOwner && <p className="panel__note">{t('storage.help')}</p>}
      {problem && (
        <p className="error-text" role="alert">
          {t('storage.invalid')}
        </p>
      )}
      <ErrorText error={error} />
    </section>
  )
}
