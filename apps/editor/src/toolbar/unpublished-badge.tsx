import { useTranslation } from 'react-i18next'
import { useSaveStatus } from '../editor/autosave.ts'
import { hasUnpublishedChanges, usePublished } from '../editor/published-state.ts'

/** "有未发布的修改" beside the save state: webhooks and schedules still run the published version. */
export function UnpublishedBadge() {
  const { t } = useTranslation()
  const published = usePublished()
  const saved = useSaveStatus((s) => (s.status === 'saved' ? s.revision : undefined))
  if (!hasUnpublishedChanges({ ...published, updatedAt: saved })) return null
  return (
    <span className="tag tag--warn" title={t('publish.unpublishedHint')} data-testid="unpublished-changes">
      {t('publish.unpublished')}
    </span>
  )
}
