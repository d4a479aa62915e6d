import { RunHistory } from '@zhiliu/nodes'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getRunHistory, setRunHistory } from '../api/settings-api.ts'
import { useIsOwner } from '../session/session-store.ts'
import { ErrorText } from '../ui/error-text.tsx'

/** The server's default for which webhook and schedule runs are kept: the owner chooses, everyone else reads it. */
export function RunHistorySection() {
  const { t } = useTranslation()
  const isOwner = useIsOwner()
  const [current, setCurrent] = useState<RunHistory>()
  const [error, setError] = useState<unknown>()
  const [saved, setSaved] = useState(false)

  useEffect(() => {
    getRunHistory()
      .then((r) => setCurrent(r.history))
      .catch(setError)
  }, [])

  const choose = async (history: RunHistory) => {
    setSaved(false)
    try {
      setCurrent((await setRunHistory({ history })).history)
      setSaved(true)
    } catch (err) {
      setError(err)
    }
  }

  return (
    <section className="card" aria-labelledby="run-history-title" data-testid="run-history">
      <h2 id="run-history-title">{t('runHistory.title')}</h2>
      <p>{t('runHistory.lead')}</p>
      {current && (
        <div className="retention__form">
          <label className="inline-field">
            {t('runHistory.serverLabel')}
            <select
              className="input"
              value={current}
              disabled={!isOwner}
              onChange={(e) => void choose(e.target.value as RunHistory)}
              data-testid="run-history-default"
            >
              {RunHistory.options.map((h) => (
                <option key={h} value={h}>
                  {t(`runHistory.options.${h}`)}
                </option>
              ))}
            </select>
          </label>
          {saved && <span role="status">{t('runHistory.saved')}</span>}
        </div>
      )}
      <p className="panel__note">{t('runHistory.serverHelp')}</p>
      <ErrorText error={error} />
    </section>
  )
}
