/**
 * The one error a store throws for a caller's mistake (not a database fault). `code` is stable: the server maps
 * CONFLICT to 409, STALE (the row changed since the caller read it) to 412, BAD_CURSOR to 400 and BUSY (the
 * database stayed locked by another process past the wait bound, see sqlite/retry-while-busy.ts) to 503;
 * STALE_FENCE (a worker that lost a run wrote for it, see RunLeaseStore) never reaches a caller: the executor stops. Same shape as ZhiliuError (code, message, details) without making the
 * storage layer load @zhiliu/nodes at runtime.
 */
export class StoreError extends Error {
  readonly code: 'CONFLICT' | 'STALE' | 'BAD_CURSOR' | 'STALE_FENCE' | 'BUSY'
  readonly details: unknown
  constructor(code: StoreError['code'], message: string, details?: unknown) {
    super(message)
    this.name = 'StoreError'
    this.code = code
    this.details = details
  }
}
