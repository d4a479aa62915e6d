import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let session: EditorSession

beforeAll(async () => {
  session = await openSignedInEditor()
}, 180_000)

afterAll(() => closeEditor(session))

describe('作为 MCP 工具 in the publish dialog', () => {
  it('serves the flow at /mcp once switched on and published, to an assistant with an API token', async () => {
    const { page, errors, server } = session
    const api = page.context().request
    const created = await api.post(`${server.url}/api/flows`, {
      data: {
        schemaVersion: 1,
        name: '查订单',
        description: '按订单号查询订单状态',
        nodes: [
          {
            id: 'hook',
            type: 'trigger.webhook',
            version: 1,
            config: {
              responseMode: 'sync',
              inputSchema: [{ name: 'orderId', type: 'string', required: true }],
            },
            position: { x: 0, y: 0 },
          },
          {
            id: 'answer',
            type: 'flow.respond',
            version: 1,
            config: { body: { orderId: '{{ trigger.body.orderId }}', status: '已发货' } },
            position: { x: 300, y: 0 },
          },
        ],
        edges: [{ id: 'e1', source: 'hook', target: 'answer' }],
      },
    })
    const flowId = ((await created.json()) as { id: string }).id
    const token = (
      (await (await api.post(`${server.url}/api/tokens`, { data: { name: '桌面助手' } })).json()) as {
        token: string
      }
    ).token

    await page.goto(`${server.url}/#/flows/${flowId}`)
    await page.getByTestId('open-publish').click()
    const mcpSwitch = page.getByTestId('flow-mcp-tool').getByRole('switch')
    await mcpSwitch.check()
    await page.getByTestId('publish-now').click()
    await page.getByTestId('publish-dialog').getByRole('status').waitFor()

    const client = new Client({ name: 'desktop-assistant', version: '1.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    )
    try {
      const { tools } = await client.listTools()
      expect(tools.map((tool) => [tool.title, tool.description])).toEqual([
        ['查订单', '按订单号查询订单状态'],
      ])
      const result = await client.callTool({ name: tools[0]?.name ?? '', arguments: { orderId: 'A-7' } })
      expect(result.structuredContent).toEqual({ orderId: 'A-7', status: '已发货' })
    } finally {
      await client.close()
    }
    expect(errors).toEqual([])
  })
})
