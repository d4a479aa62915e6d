import { ZhiliuError } from '@zhiliu/nodes'

/**
 * Reads `ZHILIU_ALLOW_HOSTS` ("host" or "host:port" entries, comma-separated) into normalised entries. A bad entry
 * fails startup rather than silently opening or closing access.
 */
export function parseAllowHosts(env: string | undefined): string[] {
  return (env ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(normalizeHostEntry)
}

/**
 * Normalises one entry the way URLs are normalised, so `LocalHost:8080`, `2130706433` and `[::1]` compare equal to
 * the hostnames `new URL()` yields. An explicit port is kept even when it is the scheme default.
 */
export function normalizeHostEntry(entry: string): string {
  const text = entry.trim()
  if (!/^[^\s/?#@\\]+$/.test(text)) throw invalid(entry)
  let url: URL
  try {
    url = new URL(`http://${text}`)
  } catch (cause) {
    throw invalid(entry, cause)
  }
  const port = /:(\d+)$/.exec(text)?.[1]
  return port === undefined ? url.hostname : `${url.hostname}:${Number(port)}`
}

function invalid(entry: string, cause?: unknown): ZhiliuError {
  return new ZhiliuError(
    'CONFIG_INVALID',
    `ZHILIU_ALLOW_HOSTS entry "${entry}" is not a host or host:port`,
    undefined,
    { cause },
  )
}
