import type { z } from 'zod'
import { ApiError } from './api-error.ts'

/** One entry per failing field: `path` points into the part of the request named by `target`. */
export interface FieldIssue {
  path: (string | number)[]
  message: string
  code: string
}

/**
 * A zod failure as the API reports it: 400 `VALIDATION_FAILED`, every issue with its field path, so a client can put
 * each message next to its field. `target` is where the value came from (json, query, param, header).
 */
export function validationFailed(
  error: z.ZodError,
  target = 'json',
  /** Where the validated value sits inside the target, e.g. `['document']`. */
  prefix: (string | number)[] = [],
): ApiError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))],
    message: issue.message,
    code: issue.code,
  }))
  const first = issues[0]
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : ''
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return new ApiError(400, 'VALIDATION_FAILED', `Invalid ${target}${where}: ${first?.message}${more}`, {
    target,
    issues,
  })
}
