import { createHash } from 'node:crypto'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { type FetchLike, type McpGateway, type McpTool, NodeError, type SecretReader } from '@zhiliu/nodes'
import type { Redactor } from '../security/redact.ts'
import { MCP_SERVER_CREDENTIAL, parseHeaderLines } from './mcp-server-credential.ts'

type ToolInfo = Omit<McpTool, 'call'>
interface ServerAddress {
  url: URL
  headers: Record<string, string>
}

const CLIENT_INFO = { name: 'zhiliu', version: '0.1.0' }
const TOOLS_TTL_MS = 5 * 60_000
const MAX_CACHED_SERVERS = 500
const MAX_TOOL_PAGES = 20

/**
 * Zhiliu as an MCP client: the tools of configured MCP servers (credentials of type `mcp.server`), over the SDK's
 * Streamable HTTP transport with the outbound-guarded `fetch` (so a private address is refused unless allowed,
 * redirects included). Nothing is ever spawned: stdio servers are not supported. Each listing or call opens a
 * connection (initialize, then the request) and closes it; a server that keeps sessions is told to end its session.
 *
 * The tool lists are cached in this process only, for five minutes, keyed by the credential and a hash of its
 * address and headers (an edited credential lists again). Another process keeps its own: a miss costs one listing,
 * and nothing depends on two processes seeing the same list.
 */
export function createMcpClients(deps: { fetch?: FetchLike; redactor: Redactor; now: () => number }) {
  const cache = new Map<string, { tools: ToolInfo[]; expiresAt: number }>()

  const withClient = async <T>(
    server: ServerAddress,
    signal: AbortSignal | undefined,
    use: (client: Client) => Promise<T>,
  ): Promise<T> => {
    if (!deps.fetch) throw new NodeError('NO_FETCH', 'network access is not configured for this run')
    const { Client, StreamableHTTPClientTransport, McpError } = await loadSdk()
    const transport = new StreamableHTTPClientTransport(server.url, {
      fetch: deps.fetch,
      requestInit: { headers: server.headers },
    })
    const client = new Client(CLIENT_INFO)
    try {
      await client.connect(transport, { signal })
      return await use(client)
    } catch (error) {
      throw unreachable(server.url, error, signal, McpError)
    } finally {
      await transport.terminateSession().catch(() => {})
      await client.close().catch(() => {})
    }
  }

  const listTools = async (server: ServerAddress, signal?: AbortSignal): Promise<ToolInfo[]> =>
    withClient(server, signal, async (client) => {
      const tools: ToolInfo[] = []
      let cursor: string | undefined
      for (let page = 0; page < MAX_TOOL_PAGES; page++) {
        const listed = await client.listTools(cursor ? { cursor } : undefined, { signal })
        for (const tool of listed.tools) {
          tools.push({
            name: tool.name,
            description: tool.description ?? tool.title ?? '',
            inputSchema: tool.inputSchema,
          })
        }
        cursor = listed.nextCursor
        if (!cursor) break
      }
      return tools
    })

  const callTool = async (
    server: ServerAddress,
    name: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<unknown> => {
    const result = await withClient(server, signal, (client) =>
      client.callTool({ name, arguments: args }, undefined, { signal }),
    )
    const text = Array.isArray(result.content)
      ? result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n')
      : ''
    if (result.isError) {
      throw new NodeError('MCP_TOOL_ERROR', `The MCP tool "${name}" failed: ${text || 'no reason given'}`, {
        details: { tool: name, server: server.url.host },
      })
    }
    return result.structuredContent ?? text
  }

  const serverOf = async (secrets: SecretReader, serverId: string): Promise<ServerAddress> => {
    const fields = await secrets.get(serverId, MCP_SERVER_CREDENTIAL)
    const headers = parseHeaderLines(fields.headers) ?? {}
    // The whole field is registered as a secret; each value on its own may appear in an error too.
    deps.redactor.add(...Object.values(headers).filter((value) => value.length >= 6))
    return { url: new URL(fields.url ?? ''), headers }
  }

  const cachedTools = async (serverId: string, server: ServerAddress, signal?: AbortSignal) => {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([server.url.href, server.headers]))
      .digest('base64url')
    const key = `${serverId}:${fingerprint}`
    const hit = cache.get(key)
    if (hit && hit.expiresAt > deps.now()) return hit.tools
    const tools = await listTools(server, signal)
    cache.delete(key)
    cache.set(key, { tools, expiresAt: deps.now() + TOOLS_TTL_MS })
    if (cache.size > MAX_CACHED_SERVERS) cache.delete(cache.keys().next().value as string)
    return tools
  }

  return {
    /** `ctx.mcp` for one run: the servers its owner configured, read with the run's credential reader. */
    gatewayFor(secrets: SecretReader): McpGateway {
      return {
        async tools(serverId, signal) {
          const server = await serverOf(secrets, serverId)
          const tools = await cachedTools(serverId, server, signal)
          return tools.map((tool) => ({
            ...tool,
            call: (args, callSignal) => callTool(server, tool.name, args, callSignal),
          }))
        },
      }
    },
  }
}

export type McpClients = ReturnType<typeof createMcpClients>

interface SdkParts {
  Client: typeof import('@modelcontextprotocol/sdk/client/index.js').Client
  StreamableHTTPClientTransport: typeof import('@modelcontextprotocol/sdk/client/streamableHttp.js').StreamableHTTPClientTransport
  McpError: typeof import('@modelcontextprotocol/sdk/types.js').McpError
}
let sdk: Promise<SdkParts> | undefined

// The SDK (with ajv and its JSON Schema tooling, ≈ 150 modules) is loaded by the first MCP call, not at start.
function loadSdk(): Promise<SdkParts> {
  sdk ??= Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]).then(([client, transport, types]) => ({
    Client: client.Client,
    StreamableHTTPClientTransport: transport.StreamableHTTPClientTransport,
    McpError: types.McpError,
  }))
  return sdk
}

/** The guard's and the tool's own errors pass as they are; anything else says which server could not be reached. */
function unreachable(
  url: URL,
  error: unknown,
  signal: AbortSignal | undefined,
  McpError: SdkParts['McpError'],
): unknown {
  if (signal?.aborted) return signal.reason
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof NodeError) return e
  }
  const reason = error instanceof Error ? error.message : String(error)
  // The server answered, with a protocol error (an unknown tool, arguments it refused): asking again will not help.
  if (error instanceof McpError)
    return new NodeError('MCP_ERROR', `The MCP server at ${url.host} refused: ${reason}`, { cause: error })
  return new NodeError('MCP_UNREACHABLE', `The MCP server at ${url.host} could not be used: ${reason}`, {
    retryable: true,
    cause: error,
  })
}
