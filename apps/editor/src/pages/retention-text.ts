import type { TFunction } from 'i18next'
import type { RunRetention } from '../api/settings-api.ts'

/** How long ended runs are kept, in one sentence: the settings page and the runs page say it alike. */
export function retentionText(t: TFunction, retention: RunRetention): string {
  return retention.days === 0 ? t('retention.forever') : t('retention.current', { days: retention.days })
}
