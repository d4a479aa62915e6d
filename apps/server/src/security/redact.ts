import { MAX_OUTPUT_DEPTH } from '@zhiliu/engine'

export const REDACTED = '[REDACTED]'
/** Shorter strings would redact ordinary words; credentials are far longer anyway. */
export const MIN_SECRET_LENGTH = 4
// Past every node output (the engine refuses deeper ones) plus the few levels an event or record wraps around it:
// reaching this means something not checked by the engine, and the walk stays far from overflowing the stack.
const MAX_DEPTH = MAX_OUTPUT_DEPTH + 28
const MAX_CACHED_KEYS = 10_000

// Matched against the end of a key, so `x-api-key`, `client_secret` and `access_token` are caught while
// `promptTokens` and `maxTokens` (usage numbers) are not.
const SENSITIVE_KEY =
  /(?:^auth|pass(?:word|wd|phrase)|secret|token|api[-_]?key|authori[sz]ation|cookie|private[-_]?key)$/i

/** Whether a key's value counts as a secret under the redaction rule (`apiKey`, `x-api-key`, `client_secret`, …). */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key)
}

export interface Redactor {
  /** Registers secret values (e.g. each field of a credential as it is decrypted); shorter ones are ignored. */
  add(...secrets: string[]): void
  /**
   * A copy of `value` with every known secret inside any string replaced by `[REDACTED]`, and the values of
   * secret-looking keys (authorization, password, apiKey, token, secret, cookie…) replaced whole. Unchanged parts
   * are returned as they are, not copied. Walks plain objects, arrays and Errors; other class instances pass as is.
   */
  redact(value: unknown): unknown
}

/** For logs, run events and stored node results: nothing a credential holds should be written out in clear. */
export function createRedactor(): Redactor {
  const secrets = new Set<string>()
  let pattern: RegExp | undefined

  const redactString = (text: string): string => {
    // Fast path: with no known secrets, strings are never scanned.
    if (!pattern || text.length < MIN_SECRET_LENGTH) return text
    return text.replace(pattern, REDACTED)
  }

  // Whether a key is secret-looking, by key: outputs repeat the same few keys, and the regex is the walk's main cost.
  // Bounded, since keys come from data; cleared whole when full (the next lookups just test again).
  const sensitiveKeys = new Map<string, boolean>()
  const isSensitive = (key: string): boolean => {
    let sensitive = sensitiveKeys.get(key)
    if (sensitive === undefined) {
      sensitive = SENSITIVE_KEY.test(key)
      if (sensitiveKeys.size >= MAX_CACHED_KEYS) sensitiveKeys.clear()
      sensitiveKeys.set(key, sensitive)
    }
    return sensitive
  }

  // `ancestors` is the path from the root to the current value: a stack, as short as the value is deep.
  const walk = (value: unknown, ancestors: object[]): unknown => {
    if (typeof value === 'string') return redactString(value)
    if (typeof value !== 'object' || value === null) return value
    if (ancestors.includes(value)) return '[Circular]'
    if (ancestors.length >= MAX_DEPTH) return '[Truncated]'
    ancestors.push(value)
    try {
      if (Array.isArray(value)) return walkArray(value, ancestors)
      if (value instanceof Error) return walkError(value, ancestors)
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) return value
      return walkRecord(value as Record<string, unknown>, ancestors)
    } finally {
      ancestors.pop()
    }
  }

  const walkArray = (items: unknown[], ancestors: object[]): unknown[] => {
    let copy: unknown[] | undefined
    for (let i = 0; i < items.length; i++) {
      const next = walk(items[i], ancestors)
      if (next === items[i]) continue
      copy ??= items.slice()
      copy[i] = next
    }
    return copy ?? items
  }

  const walkRecord = (record: Record<string, unknown>, ancestors: object[]): Record<string, unknown> => {
    let copy: Record<string, unknown> | undefined
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue
      const current = record[key]
      const next = isFilled(current) && isSensitive(key) ? REDACTED : walk(current, ancestors)
      if (next === current) continue
      copy ??= { ...record }
      copy[key] = next
    }
    return copy ?? record
  }

  // Provider errors often quote the failing URL or request, key included; message and stack are own data here.
  const walkError = (error: Error, ancestors: object[]): unknown => {
    const plain: Record<string, unknown> = {
      ...error,
      name: error.name,
      message: error.message,
      stack: error.stack,
    }
    const redacted = walkRecord(plain, ancestors)
    return redacted === plain ? error : redacted
  }

  return {
    add(...values) {
      const before = secrets.size
      for (const secret of values) {
        if (secret.length < MIN_SECRET_LENGTH) continue
        secrets.add(secret)
        // Keys with `+`, `/` or `=` show up percent-encoded in logged URLs.
        secrets.add(encodeURIComponent(secret))
      }
      if (secrets.size === before) return
      // Longest first, so a secret containing another is replaced whole rather than leaving its remainder.
      const alternatives = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp)
      pattern = new RegExp(alternatives.join('|'), 'g')
    },
    redact: (value) => walk(value, []),
  }
}

function isFilled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && typeof value !== 'boolean'
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
