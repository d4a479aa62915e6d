import { createRoute, z } from '@hono/zod-openapi'
import { NodeError } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { createSecretReader } from '../credentials/create-secret-reader.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json } from '../http/openapi-helpers.ts'
import { createGuardedFetch } from '../outbound/create-guarded-fetch.ts'
import { createMcpClients } from './mcp-client-service.ts'

/** A listing the editor waits for: a server that does not answer by then is reported, not waited on. */
const LIST_TIMEOUT_MS = 15_000

const McpToolView = z
  .object({
    name: z.string(),
    description: z.string(),
    inputSchema: z
      .record(z.string(), z.unknown())
      .openapi({ description: "The tool's arguments, a JSON Schema" }),
  })
  .openapi('McpTool')

const listTools = createRoute({
  method: 'get',
  path: '/credentials/{id}/mcp-tools',
  tags: ['credentials'],
  summary:
    "The tools of an MCP server credential's server, listed by this server (its headers never leave it)",
  description:
    'For the mcp.call node in the editor. 422 MCP_UNREACHABLE when the server cannot be reached (or the outbound ' +
    'guard refuses its address), 422 CREDENTIAL_TYPE_MISMATCH for a credential of another type.',
  request: { params: IdParam },
  responses: {
    200: json(z.object({ items: z.array(McpToolView) }), "The server's tools"),
    ...errors(401, 404, 422),
  },
})

/**
 * The editor's view of a configured MCP server: the server lists the tools itself, with the caller's own credential
 * and the outbound guard, as a run would, so the editor gets names and schemas and never the headers (tokens).
 */
export function createMcpToolRoutes(deps: AppDeps) {
  // Its own per-process cache (five minutes), apart from the runs': a listing here is what the editor last saw.
  const clients = createMcpClients({
    fetch: createGuardedFetch({ allowHosts: deps.config.allowHosts }),
    redactor: deps.redactor,
    now: deps.now,
  })
  return createRouter().openapi(listTools, async (c) => {
    const { id } = c.req.valid('param')
    const secrets = createSecretReader(deps, c.get('access'))
    const signal = AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(LIST_TIMEOUT_MS)])
    try {
      const tools = await clients.gatewayFor(secrets).tools(id, signal)
      const items = tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }))
      return c.json({ items }, 200)
    } catch (error) {
      if (error instanceof NodeError && error.code === 'CREDENTIAL_NOT_FOUND')
        throw ApiError.notFound('Credential', id)
      throw error
    }
  })
}
