import { z } from '@hono/zod-openapi'

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error')

const ERROR_TEXT = {
  400: 'Invalid request: `VALIDATION_FAILED` names each field in `details.issues`; bad JSON is `INVALID_JSON`',
  401: 'Not signed in (`UNAUTHORIZED`)',
  403: 'Signed in, but the role does not allow this (`FORBIDDEN`)',
  404: 'Not found, or not yours (`NOT_FOUND`)',
  409: 'Conflicts with existing data',
  412: 'Saved elsewhere since the `If-Match` revision was read (`FLOW_CHANGED`); `details.updatedAt` is current',
  413: 'Body larger than the configured limit (`BODY_TOO_LARGE`)',
  415: 'The body is not of a type this route takes (`UNSUPPORTED_MEDIA_TYPE`)',
  422: 'Understood, but refused (e.g. `FLOW_INVALID`)',
  429: 'Too many requests: wait the seconds in `Retry-After` (also `details.retryAfterSeconds`)',
} as const

type ErrorStatus = keyof typeof ERROR_TEXT

/** The error responses a route may give, for the OpenAPI document; the body is always `ErrorBody`. */
export function errors<S extends ErrorStatus>(...statuses: S[]) {
  const responses = {} as Record<
    S,
    { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }
  >
  for (const status of statuses) {
    responses[status] = {
      description: ERROR_TEXT[status],
      content: { 'application/json': { schema: ErrorBody } },
    }
  }
  return responses
}

/** A JSON response or request body entry for `createRoute`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } }
}

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
})

/** `?limit&offset`; the store clamps limit to 1..200. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().openapi({ example: 50 }),
  offset: z.coerce.number().int().min(0).optional().openapi({ example: 0 }),
})

/** The OpenAPI `security` of routes that work without signing in. */
export const PUBLIC: [] = []
