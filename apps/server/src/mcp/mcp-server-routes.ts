import type { AppDeps } from '../app-deps.ts'
import { identifyCaller } from '../auth/identify-caller.ts'
import { createRouter } from '../http/create-router.ts'
import { decodeUtf8 } from '../http/decode-utf8.ts'
import { incomingOf } from '../http/incoming.ts'
import { parseJsonSafely } from '../http/parse-json-safely.ts'
import { readHookBody } from '../webhooks/read-hook-body.ts'
import { createFlowTools } from './flow-tools.ts'

/**
 * `/mcp`: the caller's published flows with `settings.mcpTool` as Model Context Protocol tools, over the SDK's
 * Streamable HTTP transport. Stateless: every POST builds its own server and transport and keeps nothing after the
 * answer, so any process behind a load balancer can take any request (no session id, no SSE stream to resume; GET
 * and DELETE, which only serve sessions, answer 405). Only an API token signs in (`Authorization: Bearer zl_pat_…`):
 * the session cookie would let any web page the user visits call their tools. The body is read under the API's
 * size limit and parsed by the same guarded parser as the API (depth, `__proto__`), then handed to the transport.
 */
export function createMcpServerRoutes(deps: AppDeps) {
  const tools = createFlowTools(deps)
  const limit = deps.config.bodyLimitBytes
  const router = createRouter()

  router.openAPIRegistry.registerPath({
    method: 'post',
    path: '/mcp',
    tags: ['MCP'],
    summary: 'Model Context Protocol endpoint (Streamable HTTP, stateless)',
    description:
      "JSON-RPC messages of MCP (initialize, tools/list, tools/call) as an MCP client sends them. The tools are the token owner's published flows whose settings have `mcpTool: true`. API token only.",
    security: [{ bearerAuth: [] }],
    responses: {
      200: { description: 'The JSON-RPC answer' },
      401: { description: 'No API token, or not a valid one' },
      413: { description: 'The body is larger than the limit' },
    },
  })
  router.post('/mcp', async (c) => {
    const caller = c.req.header('authorization') === undefined ? undefined : await identifyCaller(c, deps)
    if (!caller) return unauthorized()
    const raw = await readHookBody(c.req.raw, limit, incomingOf(c.env))
    const parsedBody = parseJsonSafely(decodeUtf8(raw))
    // The SDK is loaded by the first MCP request, not at start (see mcp-server-for.ts).
    const { mcpServerFor, WebStandardStreamableHTTPServerTransport } = await import('./mcp-server-for.ts')
    const server = mcpServerFor(caller.user, tools)
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true })
    await server.connect(transport)
    try {
      return await transport.handleRequest(c.req.raw, { parsedBody })
    } finally {
      // The JSON answer is complete once returned: nothing of this request outlives it.
      await server.close()
    }
  })
  const noSessions = () =>
    Response.json(
      {
        jsonrpc: '2.0',
        error: { code: -32000, message: 'This server is stateless: send POST requests only' },
        id: null,
      },
      { status: 405, headers: { allow: 'POST' } },
    )
  router.get('/mcp', noSessions)
  router.delete('/mcp', noSessions)
  return router
}

/** Not through `errorResponse`: MCP clients look for `WWW-Authenticate` on a 401. */
function unauthorized(): Response {
  const error = {
    code: 'UNAUTHORIZED',
    message: 'Send an API token as "Authorization: Bearer …" (create one under 账号 → API 令牌)',
    details: {},
  }
  return Response.json({ error }, { status: 401, headers: { 'www-authenticate': 'Bearer realm="zhiliu"' } })
}
