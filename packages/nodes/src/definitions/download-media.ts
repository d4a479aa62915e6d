import type { NodeContext } from '../context.ts'
import { NodeError } from '../errors.ts'

export interface Downloaded {
  bytes: Uint8Array
  /** The response's content type without parameters; empty when it named none. */
  mimeType: string
}

/**
 * Fetches a file through `ctx.fetch` (on the server the guarded one, which refuses private addresses) and reads at
 * most `maxBytes` of it: a provider's image link or an audio address given by a flow's author must not fill memory.
 */
export async function downloadMedia(url: string, ctx: NodeContext, maxBytes: number): Promise<Downloaded> {
  if (!/^https?:\/\//i.test(url)) {
    throw new NodeError('MEDIA_URL_INVALID', `Expected an http(s) address, got "${url.slice(0, 80)}"`)
  }
  const res = await ctx.fetch(url, { signal: ctx.signal })
  const host = new URL(url).host
  if (!res.ok) {
    await res.body?.cancel().catch(() => {})
    throw new NodeError('MEDIA_DOWNLOAD_FAILED', `${host} answered ${res.status} for the file`, {
      retryable: res.status === 429 || res.status >= 500,
      details: { status: res.status, host },
    })
  }
  const tooLarge = () =>
    new NodeError('MEDIA_TOO_LARGE', `The file at ${host} is larger than ${maxBytes} bytes`, {
      details: { host, maxBytes },
    })
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body?.cancel().catch(() => {})
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = res.body?.getReader()
  while (reader) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  const mimeType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return { bytes, mimeType }
}
