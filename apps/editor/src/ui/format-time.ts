import type { Locale } from '@zhiliu/nodes'

/** A date and time in the person's language, e.g. "2025/3/4 09:30" or "Mar 4, 2025, 9:30 AM". */
export function formatTime(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–'
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}
