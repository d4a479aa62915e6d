import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

const CHECK_EVERY_MS = 30_000

/**
 * A banner over every page while the server's database is full (its /readyz says `storage` is not ok): runs and
 * webhook calls are refused until there is room, and the person who can free it should know at once.
 */
export function StorageFullBanner() {
  const { t } = useTranslation()
  const [full, setFull] = useState(false)

  useEffect(() => {
    let stopped = false
    const check = async () => {
      try {
        const res = await fetch('/readyz')
        const body = (await res.json()) as { checks?: Record<string, string> }
        if (!stopped) setFull(body.checks?.storage !== undefined && body.checks.storage !== 'ok')
      } catch {
        // The server is unreachable: other messages say so; this banner is about room to write.
      }
    }
    void check()
    const timer = setInterval(() => void check(), CHECK_EVERY_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [])

  if (!full) return null
  return (
    <p className="notice notice--error storage-banner" role="alert" data-testid="storage-full-banner">
      {t('storage.fullBanner')}
    </p>
  )
}
