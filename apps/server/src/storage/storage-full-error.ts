import { ApiError } from '../http/api-error.ts'

/**
 * 503 STORAGE_FULL: the database has no room to write, so no run is started (none could be recorded). The caller
 * retries after the seconds in `Retry-After`, when the server will have checked again.
 */
export function storageFullError(retryAfterSeconds: number): ApiError {
  return new ApiError(
    503,
    'STORAGE_FULL',
    'The server cannot store runs now: its database has no room left. Nothing was started; try again later',
    { retryAfterSeconds },
  )
}
