import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { storeFlow } from '../runs/test-kit.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { createUserWithRole, setupOwner } from '../test-support/sign-in.ts'
import { toolNameOf } from './flow-tools.ts'
import { connectClient, listen, toolFlow } from './mcp-test-kit.ts'

let t: TestDeps
let server: Awaited<ReturnType<typeof listen>>
let alice: Awaited<ReturnType<typeof createUserWithRole>>
let bob: Awaited<ReturnType<typeof createUserWithRole>>
const url = () => `${server.url}/mcp`

beforeEach(async () => {
  t = await createTestDeps({ config: { bodyLimitBytes: 16 * 1024 } })
  const app = createApp(t.deps)
  const owner = await setupOwner(app)
  alice = await createUserWithRole(app, owner, 'editor')
  bob = await createUserWithRole(app, owner, 'editor')
  server = await listen(app)
})
afterEach(async () => {
  await server?.close()
  await t.close()
})

const access = (user: { userId: string }) => ({ userId: user.userId, all: false })
const token = (user: typeof alice) => ({ authorization: user.bearer.authorization ?? '' })

const greeter = toolFlow(
  '问候',
  [{ name: 'name', type: 'string', required: true, description: 'Who to greet' }],
  [
    { id: 'greet', type: 'text.template', config: { template: 'Hello {{ trigger.body.name }}' } },
    { id: 'reply', type: 'flow.respond', config: { body: { greeting: '{{ nodes.greet.text }}' } } },
  ],
  { description: 'Greets someone by name' },
)

describe('Zhiliu as an MCP server', () => {
  it("lists the token owner's published MCP flows with their input schema, and runs one as a tool call", async () => {
    const flow = await storeFlow(t.deps, access(alice), greeter, { publish: true })
    // Not served: switched off, or never published.
    await storeFlow(t.deps, access(alice), toolFlow('Off', [], [], { mcpTool: false }), { publish: true })
    await storeFlow(t.deps, access(alice), toolFlow('Draft only', [], []))
    const client = await connectClient(url(), token(alice))

    const { tools } = await client.listTools()
    expect(tools).toEqual([
      expect.objectContaining({
        name: toolNameOf(flow.id),
        title: '问候',
        description: 'Greets someone by name',
        inputSchema: expect.objectContaining({
          type: 'object',
          properties: { name: { type: 'string', description: 'Who to greet' } },
          required: ['name'],
        }),
      }),
    ])

    const result = await client.callTool({ name: toolNameOf(flow.id), arguments: { name: 'Ada' } })
    expect(result.isError).toBeFalsy()
    expect(result.structuredContent).toEqual({ greeting: 'Hello Ada' })
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify({ greeting: 'Hello Ada' }) }])
    // The call is answered at the Respond node; the run records its end right after.
    const [run] = (await t.deps.store.listRuns(access(alice))).items
    await t.deps.runs.waitFor(run?.id ?? '', { until: 'finish', timeoutMs: 5000 })
    const stored = await t.deps.store.getRun(access(alice), run?.id ?? '')
    expect(stored).toMatchObject({ flowId: flow.id, status: 'succeeded', trigger: 'webhook' })
    await client.close()
  })

  it('refuses a request without a token, or with a session cookie only, with 401', async () => {
    const noToken = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
    expect(noToken.status).toBe(401)
    expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(noToken.headers.get('content-security-policy')).toMatch(/^sandbox/)
    const withCookie = await fetch(url(), {
      method: 'POST',
      headers: { ...alice.cookie, accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
    expect(withCookie.status).toBe(401)
    const error = await connectClient(url(), {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StreamableHTTPError)
    expect((error as StreamableHTTPError).code).toBe(401)
  })

  it("never lists or runs another user's flow", async () => {
    const flow = await storeFlow(t.deps, access(alice), greeter, { publish: true })
    const client = await connectClient(url(), token(bob))
    expect((await client.listTools()).tools).toEqual([])
    const call = client.callTool({ name: toolNameOf(flow.id), arguments: { name: 'Eve' } })
    await expect(call).rejects.toThrow(/Unknown tool/)
    expect((await t.deps.store.listRuns(access(alice))).items).toEqual([])
    await client.close()
  })

  it('answers a failing flow and arguments its trigger refuses with tool errors the model can read', async () => {
    const failing = toolFlow(
      'Parse',
      [{ name: 'text', type: 'string', required: true }],
      [{ id: 'parse', type: 'data.parse-json', config: { text: '{{ trigger.body.text }}' } }],
    )
    const flow = await storeFlow(t.deps, access(alice), failing, { publish: true })
    const client = await connectClient(url(), token(alice))

    const failed = await client.callTool({ name: toolNameOf(flow.id), arguments: { text: 'not json' } })
    expect(failed.isError).toBe(true)
    expect(failed.content).toEqual([{ type: 'text', text: expect.stringMatching(/failed at node parse/) }])

    const refused = await client.callTool({ name: toolNameOf(flow.id), arguments: { text: 42 } })
    expect(refused.isError).toBe(true)
    expect(refused.content).toEqual([{ type: 'text', text: expect.stringContaining('body.text') }])
    // Only the first call started a run: refused arguments never reach one.
    expect((await t.deps.store.listRuns(access(alice))).items).toHaveLength(1)
    await client.close()
  })

  it('is described in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    expect(document.paths['/mcp']?.post).toMatchObject({ security: [{ bearerAuth: [] }] })
  })

  it('reads the body under the API limit', async () => {
    const res = await fetch(url(), {
      method: 'POST',
      headers: { ...alice.bearer, accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: { pad: 'x'.repeat(20_000) },
      }),
    })
    expect(res.status).toBe(413)
  })
})
