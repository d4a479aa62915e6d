import { createHash } from 'node:crypto'

/** JSON with object keys sorted and undefined fields left out, so equal requests always serialise the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A recorded exchange's key: the kind of call and a hash of everything the node asked for. */
export function requestKey(kind: 'chat' | 'image', request: unknown): string {
  return `${kind}:${createHash('sha256').update(stableJson(request)).digest('hex').slice(0, 24)}`
}
