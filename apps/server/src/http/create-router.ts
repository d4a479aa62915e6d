import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { validationFailed } from './validation-failed.ts'

/**
 * Every route module starts from this, so request validation fails the same way everywhere: the hook throws and the
 * app's single `onError` writes the `{"error":…}` body, instead of each router answering in its own shape.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(result.error, result.target)
    },
  })
}
