/** What the server answers on failure: `{"error":{"code","message","details"}}`, with the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Fired when the session has ended, so the app can send the person back to the sign-in page from anywhere. */
export const UNAUTHORIZED_EVENT = 'zhiliu:unauthorized'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

function readError(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error
    if (typeof error === 'object' && error !== null) {
      const e = error as { code?: unknown; message?: unknown; details?: unknown }
      return new ApiError(
        status,
        typeof e.code === 'string' ? e.code : 'HTTP_ERROR',
        typeof e.message === 'string' ? e.message : `HTTP ${status}`,
        e.details,
      )
    }
  }
  return new ApiError(status, status === 0 ? 'NETWORK' : 'HTTP_ERROR', `HTTP ${status}`)
}

/**
 * One JSON request to the server's API. Cookies carry the session (same origin in production, proxied in dev).
 * A network failure becomes an ApiError with code NETWORK, so every caller shows one kind of error. `signal`
 * lets a long poll stop when the person closes what was waiting.
 */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      signal: options.signal ?? null,
      credentials: 'same-origin',
      // The server refuses cookie-authenticated writes without a JSON content type (its CSRF guard), even bodiless.
      headers: {
        ...(method === 'GET' ? { accept: 'application/json' } : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'network error')
  }
  return readResponse<T>(res, path)
}

/**
 * A file sent as the request body with its own type (the server's CSRF guard takes `image/…` and `audio/…` as it
 * takes JSON), answered like any other request.
 */
export async function sendFile<T>(path: string, file: Blob): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': file.type },
      body: file,
    })
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'network error')
  }
  return readResponse<T>(res, path)
}

async function readResponse<T>(res: Response, path: string): Promise<T> {
  const text = await res.text()
  let parsed: unknown
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = text
  }
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/'))
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT))
    throw readError(res.status, parsed)
  }
  return parsed as T
}
