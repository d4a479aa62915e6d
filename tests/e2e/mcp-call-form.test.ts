import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestMcpServer, TEST_MCP_TOKEN } from '../../apps/server/src/mcp/start-test-mcp-server.ts'
import { screenshot } from './support/browser.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let outside: Awaited<ReturnType<typeof startTestMcpServer>>
let session: EditorSession

beforeAll(async () => {
  outside = await startTestMcpServer()
  // The fake MCP server listens on loopback, which the outbound guard refuses unless allowed.
  session = await openSignedInEditor({ ZHILIU_ALLOW_HOSTS: outside.host })
}, 180_000)

afterAll(async () => {
  await closeEditor(session)
  await outside?.close()
})

/** A JSON request from the signed-in page, as the editor sends one. */
async function post(path: string, body: unknown): Promise<{ id: string }> {
  return session.page.evaluate(
    async ([url, data]) => {
      const res = await fetch(url as string, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(data),
      })
      return (await res.json()) as { id: string }
    },
    [path, body] as const,
  )
}

describe('the mcp.call node’s form', () => {
  it('lists the chosen server’s tools in a dropdown and the chosen tool’s arguments as fields, and runs', async () => {
    const { page, errors } = session
    const credential = await post('/api/credentials', {
      name: '天气 MCP',
      type: 'mcp.server',
      data: { url: outside.url, headers: `Authorization: Bearer ${TEST_MCP_TOKEN}` },
    })
    const flow = await post('/api/flows', {
      schemaVersion: 1,
      name: '查天气',
      nodes: [
        { id: 'trigger', type: 'trigger.manual', version: 1 },
        { id: 'tool', type: 'mcp.call', version: 1, config: { server: credential.id } },
      ],
      edges: [{ id: 'e1', source: 'trigger', target: 'tool' }],
    })
    await page.goto(`${session.server.url}/#/flows/${flow.id}`)
    await selectNode(page, 'tool')

    // Listed by the server: the browser never saw the address or the token, only names and schemas.
    const tool = page.getByTestId('input-tool')
    await tool.locator('option[value="get_weather"]').waitFor({ state: 'attached' })
    await expect(tool.locator('option').allTextContents()).resolves.toEqual([
      '请选择',
      'get_weather',
      'explode',
    ])
    await tool.selectOption('get_weather')
    const city = page.getByTestId('mcp-argument-city')
    await city.fill('杭州')
    await screenshot(page, 'mcp-call-form')

    await page.getByTestId('open-run').click()
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 30_000 })
    expect(outside.methods).toContain('tools/call')
    expect(errors).toEqual([])
  })
})

describe('an agent’s MCP tools', () => {
  it('ticks an MCP server by name in the agent’s form, and the demo agent calls its tools', async () => {
    const { page, errors } = session
    outside.methods.length = 0
    const credential = await post('/api/credentials', {
      name: '天气服务',
      type: 'mcp.server',
      data: { url: outside.url, headers: `Authorization: Bearer ${TEST_MCP_TOKEN}` },
    })
    const flow = await post('/api/flows', {
      schemaVersion: 1,
      name: '天气助手',
      nodes: [
        { id: 'trigger', type: 'trigger.manual', version: 1, position: { x: 0, y: 0 } },
        { id: 'agent', type: 'ai.agent', version: 1, config: { prompt: '杭州' }, position: { x: 300, y: 0 } },
      ],
      edges: [{ id: 'e1', source: 'trigger', target: 'agent' }],
    })
    await page.goto(`${session.server.url}/#/flows/${flow.id}`)
    await selectNode(page, 'agent')
    // No id to copy from anywhere: the server is chosen by the name it was saved under.
    const server = page.getByTestId(`tool-source-mcp-${credential.id}`)
    await expect(server.locator('xpath=..').textContent()).resolves.toContain('天气服务')
    await server.check()
    // Saved as the source and the credential's id, once autosave has written it.
    const savedConfig = () =>
      page.evaluate(
        async (id) =>
          (
            (await (await fetch(`/api/flows/${id}`)).json()) as {
              document: { nodes: { config?: unknown }[] }
            }
          ).document.nodes[1]?.config,
        flow.id,
      )
    await expect.poll(savedConfig).toMatchObject({ sourceTools: [{ source: 'mcp', ref: credential.id }] })

    // The demo model calls every tool when none fits the question better, its text as the arguments.
    await page.getByTestId('open-run').click()
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 30_000 })
    await selectNode(page, 'agent')
    await page.getByTestId('tab-run').click()
    const weather = page.getByTestId('agent-tool-call').filter({ hasText: 'get_weather' })
    await expect.poll(() => weather.textContent()).toContain('21')
    const explode = page.getByTestId('agent-tool-call').filter({ hasText: 'explode' })
    await expect.poll(() => explode.textContent()).toContain('the weather station is down')
    expect(outside.methods.filter((m) => m === 'tools/call')).toHaveLength(2)
    expect(errors).toEqual([])
  })
})
