import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../app-env.ts'
import { SESSION_COOKIE } from '../auth/session-cookie.ts'

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>

const DESCRIPTION = `Zhiliu's HTTP API. Sign in with \`POST /api/auth/login\` (session cookie \`${SESSION_COOKIE}\`) or send an
API token from \`POST /api/tokens\` as \`Authorization: Bearer zl_pat_…\`. Requests authenticated by the cookie that
change data must send \`Content-Type: application/json\` (CSRF protection); a file uploaded to \`POST /api/media\` goes
as the body with its own \`image/…\` or \`audio/…\` type. Every error is
\`{"error":{"code","message","details"}}\`. \`POST /mcp\` serves published flows marked as MCP tools to AI assistants
(Model Context Protocol, Streamable HTTP, API token only; see the README).`

/**
 * Registers the auth schemes on the root app and returns a getter for its OpenAPI 3.1 document. The document is
 * built on first request, when every router (including ones mounted after this call) has been added, then kept.
 */
export function createOpenApiDocument(app: OpenAPIHono<AppEnv>): () => Document {
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'zl_pat_…',
  })
  let document: Document | undefined
  return () => {
    document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Zhiliu API', version: '1', description: DESCRIPTION },
      security: [{ cookieAuth: [] }, { bearerAuth: [] }],
    })
    return document
  }
}
