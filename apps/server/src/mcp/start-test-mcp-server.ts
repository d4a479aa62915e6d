import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { z } from 'zod'

export const TEST_MCP_TOKEN = 'mcp-test-token-123'

/**
 * An outside MCP server, as the SDK builds one: `get_weather` answers structured content, `explode` reports a tool
 * error. It wants `Authorization: Bearer mcp-test-token-123` and counts the JSON-RPC methods it was sent.
 */
export async function startTestMcpServer() {
  const methods: string[] = []
  const fetch = async (request: Request): Promise<Response> => {
    if (request.headers.get('authorization') !== `Bearer ${TEST_MCP_TOKEN}`)
      return new Response('unauthorized', { status: 401 })
    const body: unknown = request.method === 'POST' ? await request.json() : undefined
    if (body && typeof body === 'object' && 'method' in body) methods.push(String(body.method))
    const server = new McpServer({ name: 'weather', version: '1.0.0' })
    server.registerTool(
      'get_weather',
      {
        description: 'The weather in a city',
        inputSchema: { city: z.string() },
        outputSchema: { city: z.string(), celsius: z.number() },
      },
      async ({ city }) => ({
        content: [{ type: 'text', text: `${city}: 21°C` }],
        structuredContent: { city, celsius: 21 },
      }),
    )
    server.registerTool('explode', { description: 'Always fails' }, async () => ({
      content: [{ type: 'text', text: 'the weather station is down' }],
      isError: true,
    }))
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true })
    await server.connect(transport)
    return transport.handleRequest(request, { parsedBody: body })
  }
  let server: ReturnType<typeof serve> | undefined
  const { port } = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, resolve)
  })
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    host: `127.0.0.1:${port}`,
    methods,
    close: () => new Promise<void>((done) => server?.close(() => done())),
  }
}
