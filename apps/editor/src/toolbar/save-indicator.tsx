import { useTranslation } from 'react-i18next'
import { flushSave, loadSaved, overwriteSaved, useSaveStatus } from '../editor/autosave.ts'
import { errorMessage } from '../ui/error-text.tsx'

/** "Saved" / "Saving…" / "Not saved — retry", so nobody wonders whether closing the tab is safe. */
export function SaveIndicator() {
  const { t } = useTranslation()
  const status = useSaveStatus((s) => s.status)
  const error = useSaveStatus((s) => s.error)
  if (status === 'conflict') {
    // Nothing is decided for the person: their edits stay on the canvas until they choose.
    return (
      <span className="save save--error" role="alert" data-testid="save-status" data-status={status}>
        {t('save.conflict')}
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void loadSaved()}
          data-testid="save-load-theirs"
        >
          {t('save.loadTheirs')}
        </button>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void overwriteSaved()}
          data-testid="save-keep-mine"
        >
          {t('save.keepMine')}
        </button>
      </span>
    )
  }
  if (status === 'error') {
    return (
      <span className="save save--error" role="alert" data-testid="save-status" data-status={status}>
        {t('save.failed')} {error && <span className="save__why">{errorMessage(t, error)}</span>}
        <button type="button" className="btn btn--small" onClick={() => void flushSave()}>
          {t('save.retry')}
        </button>
      </span>
    )
  }
  return (
    <span
      className={`save save--${status}`}
      data-testid="save-status"
      data-status={status}
      aria-live="polite"
    >
      {t(`save.${status}`)}
    </span>
  )
}
