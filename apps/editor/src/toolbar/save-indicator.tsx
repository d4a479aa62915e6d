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
      <SaveAlert
        status={status}
        message={t('save.conflict')}
        actions={[
          { label: t('save.loadTheirs'), run: loadSaved, testId: 'save-load-theirs' },
          { label: t('save.keepMine'), run: overwriteSaved, testId: 'save-keep-mine' },
        ]}
      />
    )
  }
  if (status === 'error') {
    return (
      <SaveAlert
        status={status}
        message={t('save.failed')}
        why={error && errorMessage(t, error)}
        actions={[{ label: t('save.retry'), run: flushSave }]}
      />
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

/** A save that did not happen: what went wrong, and what the person can do about it. */
function SaveAlert(props: {
  status: string
  message: string
  why?: string | undefined
  actions: { label: string; run: () => Promise<void>; testId?: string }[]
}) {
  return (
    <span className="save save--error" role="alert" data-testid="save-status" data-status={props.status}>
      {props.message} {props.why && <span className="save__why">{props.why}</span>}
      {props.actions.map((a) => (
        <button
          key={a.label}
          type="button"
          className="btn btn--small"
          onClick={() => void a.run()}
          data-testid={a.testId}
        >
          {a.label}
        </button>
      ))}
    </span>
  )
}
