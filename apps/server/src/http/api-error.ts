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
}
