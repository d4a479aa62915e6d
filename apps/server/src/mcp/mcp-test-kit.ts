import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Flow } from '@zhiliu/nodes'
import type { createApp } from '../create-app.ts'
import { chainFlow } from '../runs/test-kit.ts'

/** The app on a real loopback port, as an MCP client reaches it. */
export async function listen(app: ReturnType<typeof createApp>) {
  let server: ReturnType<typeof serve> | undefined
  const { port } = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, resolve)
  })
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server?.close(() => done())),
  }
}

/** The official SDK's client, connected to `url` with the given headers (an API token). */
export async function connectClient(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'test-assistant', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }))
  return client
}

type Field = { name: string; type?: string; required?: boolean; description?: string }

/** webhook trigger with `fields` → `nodes`, served as an MCP tool unless `mcpTool: false`. */
export function toolFlow(
  name: string,
  fields: Field[],
  nodes: Parameters<typeof chainFlow>[0],
  options: { mcpTool?: boolean; description?: string } = {},
): Flow {
  const flow = chainFlow(
    [{ id: 'hook', type: 'trigger.webhook', config: { inputSchema: fields } }, ...nodes],
    name,
  )
  return {
    ...flow,
    description: options.description,
    settings: { ...flow.settings, mcpTool: options.mcpTool ?? true },
  }
}
