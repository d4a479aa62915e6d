import { createRequire } from 'node:module'

/** The parts of autocannon's result this benchmark reads (the package ships no types). */
export interface LoadResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number; average: number }
  non2xx: number
  errors: number
  timeouts: number
}

type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  method: 'POST'
  headers: Record<string, string>
  body: string
}) => Promise<LoadResult>

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

/** POSTs `body` as JSON to `url` from `connections` connections for `seconds`. */
export function load(url: string, body: unknown, options: { connections: number; seconds: number }) {
  return autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}
