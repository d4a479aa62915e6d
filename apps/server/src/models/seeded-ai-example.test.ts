import { readdir } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { EXAMPLES_DIR } from '../paths.ts'
import type { RunView } from '../runs/run-view.ts'
import { seedExamplesOnSetup } from '../seed-examples.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { type AuthHeaders, setupOwner } from '../test-support/sign-in.ts'

let t: TestDeps
let app: ReturnType<typeof createApp>
let owner: AuthHeaders
beforeEach(async () => {
  // No OPENAI_* configured, as after `npm start` on a fresh machine: the default provider is the demo model.
  t = await createTestDeps()
  const store = seedExamplesOnSetup(t.deps.store, t.deps)
  app = createApp({ ...t.deps, store })
  owner = await setupOwner(app)
})
afterEach(() => t.close())

const ARTICLE =
  '智流是一个可视化的 AI 工作流工具。编辑可以把提示词、模型和发布渠道连成一条流程。' +
  '它支持 DeepSeek、通义千问、Kimi 等国产模型。没有配置密钥时，它使用离线演示模型。' +
  '这样课堂和演示在没有网络的情况下也能顺利进行。'

describe('the seeded AI example', () => {
  it('is given to the owner at setup, with every other example', async () => {
    const flows = await callApi(app, 'GET', '/api/flows?limit=200', { headers: owner })
    const names = (flows.body as { items: { name: string }[] }).items.map((f) => f.name)
    const files = (await readdir(EXAMPLES_DIR)).filter((f) => f.endsWith('.json'))
    // Named in one language, Chinese: the editor's default, and the server knows no other at setup.
    expect(names).toContain('AI 摘要')
    expect(names).toContain('成绩通知')
    expect(names.filter((n) => /[A-Za-z]{3}/.test(n))).toEqual([])
    expect(names).toHaveLength(files.length)
  })

  it('runs end to end through the API on the offline demo model when no key is configured', async () => {
    const flows = await callApi(app, 'GET', '/api/flows?limit=200', { headers: owner })
    const example = (flows.body as { items: { id: string; name: string }[] }).items.find(
      (f) => f.name === 'AI 摘要',
    )
    const started = await callApi(app, 'POST', `/api/flows/${example?.id}/runs`, {
      headers: owner,
      body: { input: { text: ARTICLE } },
    })
    expect(started.status).toBe(201)
    const runId = (started.body as { runId: string }).runId
    await t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
    const run = (await callApi(app, 'GET', `/api/runs/${runId}`, { headers: owner })).body as RunView
    expect(run.status).toBe('succeeded')
    // The respond node's answer: what a webhook caller of the published example would get.
    const output = (run.output as { body: { summary: string; model: string; tokens: unknown } }).body
    expect(output.model).toBe('demo-chat')
    // The demo summarises what it was given: its answer quotes the article, in Chinese.
    expect(output.summary).toMatch(/国产模型|离线演示模型|DeepSeek/)
    expect(run.nodes.find((n) => n.nodeId === 'summarize')?.output).toMatchObject({ provider: 'demo' })
    expect(run.usage.completionTokens).toBeGreaterThan(0)
    expect(run.usage.cost).toEqual({ cny: 0, usd: 0 })
  })
})
