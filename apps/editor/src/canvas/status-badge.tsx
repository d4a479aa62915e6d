import { useTranslation } from 'react-i18next'
import type { NodeRunStatus } from '../run/run-store.ts'

const icons: Record<NodeRunStatus, string> = {
  waiting: '…',
  approval: '✎',
  paused: '‖',
  sending: '?',
  running: '◌',
  succeeded: '✓',
  failed: '✕',
  skipped: '–',
  cancelled: '■',
}

/** Icon and word together: a projector washes colours out, and colour alone says nothing to colour-blind people. */
export function StatusBadge({ status }: { status: NodeRunStatus }) {
  const { t } = useTranslation()
  return (
    <span className={`badge badge--${status}`} data-testid="status-badge">
      <span aria-hidden="true">{icons[status]}</span> {t(`status.${status}`)}
    </span>
  )
}
