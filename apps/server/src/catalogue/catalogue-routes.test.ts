import { builtinNodes } from '@zhiliu/nodes'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { setupOwner } from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
beforeEach(async () => {
  t = await createTestDeps()
  app = createApp(t.deps)
})
afterEach(() => t.close())

describe('GET /api/nodes', () => {
  it('serves every node definition with both languages and its config schema', async () => {
    const owner = await setupOwner(app)
    const res = await callApi(app, 'GET', '/api/nodes', { headers: owner })
    expect(res.status).toBe(200)
    const nodes = (
      res.body as { nodes: { type: string; title: Record<string, string>; configSchema: object }[] }
    ).nodes
    expect(nodes.map((n) => n.type)).toEqual(builtinNodes.map((d) => d.type))
    const webhook = nodes.find((n) => n.type === 'trigger.webhook')
    expect(webhook?.title).toEqual({ 'zh-CN': 'Webhook 触发', en: 'Webhook trigger' })
    expect(webhook?.configSchema).toMatchObject({ properties: { path: { ui: { widget: 'text' } } } })
  })
})
