import { isStorageFull, StoreError } from '@zhiliu/db'
import { ExpressionError, NodeError, ZhiliuError } from '@zhiliu/nodes'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { storageFullError } from '../storage/storage-full-error.ts'
import { ApiError, retryAfterOf } from './api-error.ts'
import { validationFailed } from './validation-failed.ts'

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

/**
 * The one place an exception becomes an HTTP response: `{"error":{"code","message","details"}}`.
 * Unknown errors are logged with their stack and answered as a bare 500 so internals never leak.
 */
export function errorResponse(thrown: unknown, c: Context, log: (err: unknown) => void): Response {
  // A write the database refused for lack of room answers like a run refused up front; neither is logged here, as
  // the storage monitor logs the condition once rather than once per request.
  const err = isStorageFull(thrown) ? storageFullError(STORAGE_RETRY_SECONDS) : thrown
  const [status, body] = describe(err)
  if (status >= 500 && body.error.code !== 'STORAGE_FULL') log(err)
  const retryAfter = err instanceof ApiError ? retryAfterOf(err) : status === 503 ? 1 : undefined
  if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter))
  return c.json(body, status)
}

function describe(err: unknown): [ContentfulStatusCode, ErrorBody] {
  if (err instanceof ApiError) return [err.status, body(err.code, err.message, err.details)]
  if (err instanceof HTTPException) {
    const code = HTTP_CODES[err.status] ?? 'HTTP_ERROR'
    return [err.status as ContentfulStatusCode, body(code, err.message || 'request refused')]
  }
  // A schema parsed inside a handler fails exactly like one parsed by a route's validator.
  if (err instanceof z.ZodError) return describe(validationFailed(err))
  if (err instanceof StoreError) {
    if (err.code === 'CONFLICT') return [409, body('CONFLICT', err.message, err.details)]
    if (err.code === 'STALE') return [412, body('FLOW_CHANGED', err.message, err.details)]
    if (err.code === 'BUSY') return [503, body('DATABASE_BUSY', err.message, err.details)]
    return [400, body(err.code, err.message, err.details)]
  }
  if (err instanceof ExpressionError) return [400, body(err.code, err.message, err.details)]
  if (err instanceof NodeError) return [422, body(err.code, err.message, err.details)]
  if (err instanceof ZhiliuError) return [400, body(err.code, err.message, err.details)]
  return [500, body('INTERNAL', 'internal server error')]
}

const STORAGE_RETRY_SECONDS = 5

// Hono and its validators throw HTTPException for these; the codes match what our own handlers use.
const HTTP_CODES: Partial<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
}

function body(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}
