import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../create-app.ts'
import { callApi } from '../test-support/call-api.ts'
import { createTestDeps, type TestDeps } from '../test-support/create-test-deps.ts'
import { validFlow } from '../test-support/flow-documents.ts'
import { setupOwner } from '../test-support/sign-in.ts'
import type { RunView } from './run-view.ts'

const machines: TestDeps[] = []
afterEach(async () => {
  await Promise.all(machines.splice(0).map((m) => m.close()))
})

async function machine() {
  const t = await createTestDeps()
  machines.push(t)
  const app = createApp(t.deps)
  const owner = await setupOwner(app)
  return {
    t,
    api: (method: string, path: string, body?: unknown) =>
      callApi(app, method, path, { headers: owner, body }),
  }
}

describe('run files', () => {
  it('carry a run with the flow it ran to another Zhiliu, which creates the flow and answers the run to replay', async () => {
    const home = await machine()
    const flowId = ((await home.api('POST', '/api/flows', validFlow('问候'))).body as { id: string }).id
    const { runId } = (await home.api('POST', `/api/flows/${flowId}/runs`, { input: { name: '小明' } }))
      .body as {
      runId: string
    }
    await home.t.deps.runs.waitFor(runId, { until: 'finish', timeoutMs: 10_000 })
    const exported = await home.api('GET', `/api/runs/${runId}/export`)
    expect(exported.status).toBe(200)
    expect(exported.res.headers.get('content-disposition')).toContain('zhiliu-run.json')
    const file = exported.body as { flow: { name: string }; run: RunView }
    expect(file).toMatchObject({ format: 'zhiliu.run', version: 1, flow: { name: '问候' } })
    expect(file.run.nodes.map((n) => n.nodeId)).toEqual(['hook', 'greet', 'reply'])

    const other = await machine()
    const imported = await other.api('POST', '/api/runs/import', file)
    expect(imported.status).toBe(201)
    const { flowId: copy, run } = imported.body as { flowId: string; run: RunView }
    expect(run).toEqual(file.run)
    expect((await other.api('GET', `/api/flows/${copy}`)).body).toMatchObject({ name: '问候' })
  })

  it('refuses a file that is not a run file with 400, naming the field', async () => {
    const { api } = await machine()
    const res = await api('POST', '/api/runs/import', { format: 'zhiliu.run', version: 2 })
    expect(res.status).toBe(400)
    const issues = (res.body as { error: { details: { issues: { path: unknown[] }[] } } }).error.details
      .issues
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining([['version'], ['flow'], ['run']]))
  })
})
