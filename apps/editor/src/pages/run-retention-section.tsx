import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getRunRetention, type RunRetention, setRunRetention } from '../api/settings-api.ts'
import { useIsOwner } from '../session/session-store.ts'
import { ErrorText } from '../ui/error-text.tsx'
import { NumberSettingForm } from '../ui/number-setting-form.tsx'
import { retentionText } from './retention-text.ts'

const MAX_DAYS = 3650

/** How long ended runs are kept: the owner sets the days, everyone else reads them. */
export function RunRetentionSection() {
  const { t } = useTranslation()
  const isOwner = useIsOwner()
  const [current, setCurrent] = useState<RunRetention>()
  const [days, setDays] = useState('')
  const [error, setError] = useState<unknown>()
  const [problem, setProblem] = useState(false)
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    getRunRetention()
      .then((r) => {
        setCurrent(r)
        setDays(String(r.days))
      })
      .catch(setError)
  }, [])

  const save = async () => {
    setSaved(false)
    const value = Number(days.trim())
    const valid = days.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= MAX_DAYS
    setProblem(!valid)
    if (!valid) return
    try {
      setCurrent(await setRunRetention({ days: value }))
      setSaved(true)
    } catch (err) {
      setError(err)
    }
  }

  return (
    <section className="card" aria-labelledby="retention-title" data-testid="run-retention">
      <h2 id="retention-title">{t('retention.title')}</h2>
      <p>{t('retention.lead')}</p>
      {current && (
        <p className="notice notice--info" data-testid="retention-current">
          {retentionText(t, current)}
        </p>
      )}
      {isOwner && current && (
        <NumberSettingForm
          label={t('retention.days')}
          value={days}
          onChange={(value) => {
            setDays(value)
            setSaved(false)
          }}
          onSave={() => void save()}
          saved={saved}
          invalid={problem}
          testIds={{ input: 'retention-days', save: 'retention-save' }}
        />
      )}
      {isOwner && <p className="panel__note">{t('retention.help')}</p>}
      {problem && (
        <p className="error-text" role="alert">
          {t('retention.invalid', { max: MAX_DAYS })}
        </p>
      )}
      <ErrorText error={error} />
    </section>
  )
}
