import { StoreError } from './store-error.ts'

export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 200

/** Every store clamps page sizes the same way, so the contract can test it. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit)))
}

/** Where a newest-first run list continues: strictly older than this (startedAt, id). */
export interface RunCursor {
  startedAt: number
  id: string
}

// Opaque to clients so the key can change without an API change; base64url keeps it URL-safe.
export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.id])).toString('base64url')
}

export function decodeRunCursor(text: string): RunCursor {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    value = undefined
  }
  if (Array.isArray(value) && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
    return { startedAt: value[0], id: value[1] }
  }
  throw new StoreError('BAD_CURSOR', 'the page cursor is not one this server issued')
}
