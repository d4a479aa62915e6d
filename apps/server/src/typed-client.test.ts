import { hc } from 'hono/client'
import { afterEach, expect, it } from 'vitest'
import { type AppType, createApp } from './create-app.ts'
import { createTestDeps, type TestDeps } from './test-support/create-test-deps.ts'
import { validFlow } from './test-support/flow-documents.ts'
import { setupOwner } from './test-support/sign-in.ts'

let t: TestDeps | undefined
afterEach(() => t?.close())

it('gives the editor a typed client from AppType alone, with no hand-written API types', async () => {
  t = await createTestDeps()
  const app = createApp(t.deps)
  const headers = await setupOwner(app)
  const client = hc<AppType>('http://localhost', { fetch: app.request, headers })
  const created = await client.api.flows.$post({ json: validFlow('typed') })
  expect(created.status).toBe(201)
  if (created.status !== 201) return
  const { id } = await created.json()
  const got = await client.api.flows[':id'].$get({ param: { id } })
  if (got.status !== 200) throw new Error(`unexpected ${got.status}`)
  const flow = await got.json()
  // Compile-time as much as run-time: `flow.document.nodes` is typed from the shared Flow schema.
  expect(flow.document.nodes.map((n) => n.type)).toEqual(['trigger.webhook', 'text.template', 'flow.respond'])
})
