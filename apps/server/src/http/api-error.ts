import { ZhiliuError } from '@zhiliu/nodes'

/** An error the API answers with a specific status. Thrown anywhere in a handler; turned into JSON in one place. */
export class ApiError extends ZhiliuError {
  readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503

  constructor(status: ApiError['status'], code: string, message: string, details?: unknown) {
    super(code, message, details)
    this.status = status
  }

  static notFound(what: string, id?: string): ApiError {
    return new ApiError(404, 'NOT_FOUND', id ? `${what} "${id}" was not found` : `${what} was not found`)
  }

  static badRequest(code: string, message: string, details?: unknown): ApiError {
    return new ApiError(400, code, message, details)
  }

  /** 429; the answer carries `Retry-After` with the same whole seconds as `details.retryAfterSeconds`. */
  static tooMany(code: string, message: string, retryAfterMs: number): ApiError {
    return new ApiError(429, code, message, {
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    })
  }
}

/** The seconds a 429 or 503 asks the caller to wait, as `tooMany` or `storageFullError` put them. */
export function retryAfterOf(err: ApiError): number | undefined {
  const details = err.details as { retryAfterSeconds?: unknown } | undefined
  return (err.status === 429 || err.status === 503) && typeof details?.retryAfterSeconds === 'number'
    ? details.retryAfterSeconds
    : undefined
}
