import { type FakeOpenAI, startFakeOpenAI } from '@zhiliu/fake-openai'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { createSecretReader } from '../credentials/create-secret-reader.ts'
import { createProviderCredential } from '../models/provider-test-kit.ts'
import { createGuardedFetch } from '../outbound/create-guarded-fetch.ts'
import { createRunServiceFor } from '../runs/create-run-service-for.ts'
import type { RunService } from '../runs/run-service.ts'
import type { RunView } from '../runs/run-view.ts'
import { chainFlow, ownerAccess } from '../runs/test-kit.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'
import { createMcpClients } from './mcp-client-service.ts'
import { startTestMcpServer, TEST_MCP_TOKEN } from './start-test-mcp-server.ts'

let outside: Awaited<ReturnType<typeof startTestMcpServer>>
let fake: FakeOpenAI
beforeAll(async () => {
  outside = await startTestMcpServer()
  fake = await startFakeOpenAI()
})
afterAll(async () => {
  await outside.close()
  await fake.close()
})

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  outside.methods.length = 0
  fake.reset()
  t = await createTestDeps()
  app = createApp(t.deps)
  owner = await setupOwner(app)
})
afterEach(() => t.close())

const api = (method: string, path: string, body?: unknown) =>
  callApi(app, method, path, { headers: owner, body })

async function saveServer(url = outside.url): Promise<string> {
  const res = await api('POST', '/api/credentials', {
    name: '天气 MCP',
    type: 'mcp.server',
    data: { url, headers: `Authorization: Bearer ${TEST_MCP_TOKEN}\nX-Team: news` },
  })
  expect(res.status).toBe(201)
  return (res.body as { id: string }).id
}

/** A manual run of trigger → mcp.call with `config`, on a run service whose guarded fetch allows `allowHosts`. */
const runCall = (config: Record<string, unknown>, allowHosts: string[]) =>
  runNode({ id: 'tool', type: 'mcp.call', config }, allowHosts)

/** A manual run of trigger → `node`, on a run service whose guarded fetch allows `allowHosts`. */
async function runNode(
  node: { id: string; type: string; config: Record<string, unknown> },
  allowHosts: string[],
) {
  const runs: RunService = createRunServiceFor(t.deps, { fetch: createGuardedFetch({ allowHosts }) })
  try {
    const document = chainFlow([{ id: 'trigger', type: 'trigger.manual' }, node])
    const access = await ownerAccess(t.deps)
    const { runId } = await runs.start({
      ownerId: access.userId,
      flowId: null,
      flowVersion: null,
      document,
      trigger: 'manual',
      event: { body: { city: '杭州' } },
    })
    await runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
    return (await api('GET', `/api/runs/${runId}`)).body as RunView
  } finally {
    await runs.close(0)
  }
}

describe('Zhiliu as an MCP client', () => {
  it("lists a configured server's tools with their schemas and calls one, sending the credential's headers", async () => {
    const serverId = await saveServer()
    const mcp = createMcpClients({
      fetch: createGuardedFetch({ allowHosts: [outside.host] }),
      redactor: t.deps.redactor,
      now: Date.now,
    })
    const gateway = mcp.gatewayFor(createSecretReader(t.deps, await ownerAccess(t.deps)))
    const tools = await gateway.tools(serverId)
    expect(tools.map(({ name, description }) => ({ name, description }))).toEqual([
      { name: 'get_weather', description: 'The weather in a city' },
      { name: 'explode', description: 'Always fails' },
    ])
    expect(tools[0]?.inputSchema).toMatchObject({ type: 'object', properties: { city: { type: 'string' } } })
    await expect(tools[0]?.call({ city: '广州' })).resolves.toEqual({ city: '广州', celsius: 21 })

    // The list is cached: a second look does not ask the server again.
    const listed = outside.methods.filter((m) => m === 'tools/list').length
    await gateway.tools(serverId)
    expect(outside.methods.filter((m) => m === 'tools/list')).toHaveLength(listed)
  })

  it('calls a tool from an mcp.call node in a run, its arguments rendered from templates', async () => {
    const serverId = await saveServer()
    const run = await runCall(
      { server: serverId, tool: 'get_weather', arguments: { city: '{{ trigger.body.city }}' } },
      [outside.host],
    )
    expect(run.status).toBe('succeeded')
    expect(run.nodes.find((n) => n.nodeId === 'tool')?.output).toEqual({
      result: { city: '杭州', celsius: 21 },
    })
  })

  it("fails the node with the tool's own message when the tool reports an error, and names the tools when one is missing", async () => {
    const serverId = await saveServer()
    const failed = await runCall({ server: serverId, tool: 'explode' }, [outside.host])
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatchObject({ nodeId: 'tool', code: 'MCP_TOOL_ERROR' })
    expect(failed.error?.message).toContain('the weather station is down')

    const missing = await runCall({ server: serverId, tool: 'get_news' }, [outside.host])
    expect(missing.error).toMatchObject({ nodeId: 'tool', code: 'MCP_TOOL_NOT_FOUND' })
    expect(missing.error?.message).toContain('get_weather, explode')
  })

  it("offers an agent the server's tools, and gives the model what the tool answered or the tool's error", async () => {
    const serverId = await saveServer()
    const provider = await createProviderCredential(app, owner, fake)
    fake.script(
      {
        toolCalls: [
          { id: 'w', name: 'get_weather', arguments: '{"city":"杭州"}' },
          { id: 'x', name: 'explode', arguments: '{}' },
        ],
      },
      { content: '杭州 21°C' },
    )
    const run = await runNode(
      {
        id: 'agent',
        type: 'ai.agent',
        config: {
          provider,
          model: 'deepseek-chat',
          prompt: '杭州天气如何？',
          sourceTools: [{ source: 'mcp', ref: serverId }],
        },
      },
      [outside.host, new URL(fake.origin).host],
    )
    expect(run.status).toBe('succeeded')
    const offered = (fake.bodyOf(0) as { tools: { function: { name: string; parameters: unknown } }[] }).tools
    expect(offered.map((tool) => tool.function.name)).toEqual(['get_weather', 'explode'])
    expect(offered[0]?.function.parameters).toMatchObject({ properties: { city: { type: 'string' } } })
    const fedBack = (
      fake.bodyOf(1) as { messages: { role: string; tool_call_id?: string; content: string }[] }
    ).messages
    expect(fedBack.find((m) => m.tool_call_id === 'w')?.content).toBe('{"city":"杭州","celsius":21}')
    expect(fedBack.find((m) => m.tool_call_id === 'x')?.content).toContain('the weather station is down')
    expect(outside.methods.filter((m) => m === 'tools/call')).toHaveLength(2)
    expect(run.nodes.find((n) => n.nodeId === 'agent')?.output).toMatchObject({ text: '杭州 21°C' })
  })

  it('is refused by the outbound guard when the server is on a private address that is not allowed', async () => {
    const serverId = await saveServer()
    const run = await runCall({ server: serverId, tool: 'get_weather', arguments: { city: 'x' } }, [])
    expect(run.status).toBe('failed')
    expect(run.error).toMatchObject({ nodeId: 'tool', code: 'OUTBOUND_BLOCKED' })
    expect(outside.methods).toEqual([])
  })

  it("lists a credential's tools for the editor through GET /api/credentials/{id}/mcp-tools: names and schemas, never the address or headers", async () => {
    const serverId = await saveServer()
    const allowed = createApp({ ...t.deps, config: { ...t.deps.config, allowHosts: [outside.host] } })
    const res = await callApi(allowed, 'GET', `/api/credentials/${serverId}/mcp-tools`, { headers: owner })
    expect(res.status).toBe(200)
    const { items } = res.body as { items: { name: string; inputSchema: unknown }[] }
    expect(items.map((tool) => tool.name)).toEqual(['get_weather', 'explode'])
    expect(items[0]?.inputSchema).toMatchObject({ properties: { city: { type: 'string' } } })
    const text = JSON.stringify(res.body)
    expect(text).not.toContain(TEST_MCP_TOKEN)
    expect(text).not.toContain(outside.host)

    // The guard refuses a private address it does not allow, as in a run; an unknown credential is not found.
    const blocked = await callApi(app, 'GET', `/api/credentials/${serverId}/mcp-tools`, { headers: owner })
    expect(blocked.body).toMatchObject({ error: { code: 'OUTBOUND_BLOCKED' } })
    expect(JSON.stringify(blocked.body)).not.toContain(TEST_MCP_TOKEN)
    const missing = await callApi(allowed, 'GET', '/api/credentials/nope/mcp-tools', { headers: owner })
    expect(missing.status).toBe(404)
  })
})
