/** Where a `Range: bytes=…` header asks to start and end (inclusive), within a file of `size` bytes. */
export type ByteRange = { start: number; end: number } | 'unsatisfiable'

/**
 * One range of bytes, as RFC 9110 reads it: `start-end`, `start-` (to the end) or `-n` (the last n). Undefined —
 * answer the whole file — for no header, a malformed one, or several ranges (allowed to be ignored, and no player
 * asks for them). Audio players need this: Safari and WeChat's iOS browser play audio only from a server that
 * answers ranges.
 */
export function byteRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!match) return undefined
  const [, from = '', to = ''] = match
  if (from === '' && to === '') return undefined
  if (from === '') {
    const last = Number(to)
    return last === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - last), end: size - 1 }
  }
  const start = Number(from)
  const end = to === '' ? Number.POSITIVE_INFINITY : Number(to)
  if (end < start) return undefined
  if (start >= size) return 'unsatisfiable'
  return { start, end: Math.min(end, size - 1) }
}
