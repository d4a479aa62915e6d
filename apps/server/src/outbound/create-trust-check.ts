import { normalizeHostEntry } from './parse-allow-hosts.ts'

/**
 * Decides whether a URL skips the address guard: its host (any port) or host:port is allow-listed, or its origin is
 * one an owner trusted for a model provider (e.g. a local Ollama). Everything else is checked.
 */
export function createTrustCheck(
  allowHosts: readonly string[],
  trustedOrigins: readonly string[],
): (url: URL) => boolean {
  const hosts = new Set(allowHosts.map(normalizeHostEntry))
  const origins = new Set(trustedOrigins.map((base) => new URL(base).origin))
  return (url) => {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80')
    return hosts.has(url.hostname) || hosts.has(`${url.hostname}:${port}`) || origins.has(url.origin)
  }
}
