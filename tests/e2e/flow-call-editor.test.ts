import type { APIRequestContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let session: EditorSession

beforeAll(async () => {
  session = await openSignedInEditor()
}, 180_000)

afterAll(() => closeEditor(session))

async function createFlow(api: APIRequestContext, document: Record<string, unknown>): Promise<string> {
  const created = await api.post(`${session.server.url}/api/flows`, {
    data: { schemaVersion: 1, ...document },
  })
  expect(created.status()).toBe(201)
  return ((await created.json()) as { id: string }).id
}

async function finished(api: APIRequestContext, runId: string): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await api.get(`${session.server.url}/api/runs/${runId}`)).json()) as { status: string })
          .status,
    )
    .toBe('succeeded')
}

/** The flow and run ids in an editor address (`#/flows/<flow>/runs/<run>`). */
function shownRun(url: string): [string, string] | undefined {
  const match = /#\/flows\/([^/?]+)\/runs\/([^/?]+)/.exec(url)
  return match?.[1] && match[2] ? [decodeURIComponent(match[1]), decodeURIComponent(match[2])] : undefined
}

describe('a called flow’s run in the history', () => {
  it('leads from the child run to the run that called it, and from the flow.call step to the child run', async () => {
    const { page, errors } = session
    const api = page.context().request
    const child = await createFlow(api, {
      name: '订单状态',
      nodes: [
        {
          id: 'hook',
          type: 'trigger.webhook',
          version: 1,
          config: { inputSchema: [{ name: 'orderId', type: 'string', required: true }] },
        },
        { id: 'answer', type: 'flow.respond', version: 1, config: { body: { status: '已发货' } } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'answer' }],
    })
    const parent = await createFlow(api, {
      name: '客服',
      nodes: [
        { id: 'start', type: 'trigger.manual', version: 1, config: {}, position: { x: 0, y: 0 } },
        {
          id: 'call',
          type: 'flow.call',
          version: 1,
          config: { flowId: child, inputs: { orderId: 'A-1' } },
          position: { x: 300, y: 0 },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'call' }],
    })
    // A test run of the parent's draft calls the child's draft.
    const started = await api.post(`${session.server.url}/api/flows/${parent}/runs`, { data: { input: {} } })
    expect(started.status()).toBe(201)
    const parentRun = ((await started.json()) as { runId: string }).runId
    await finished(api, parentRun)
    const children = (await (
      await api.get(`${session.server.url}/api/runs?parentRunId=${parentRun}`)
    ).json()) as {
      items: { id: string }[]
    }
    const childRun = children.items[0]?.id ?? ''

    // In the history, the child's row says who called it and opens that run.
    await page.goto(`${session.server.url}/#/runs`)
    const row = page.getByTestId('run-list').locator('tr', { hasText: '被流程调用' })
    await row.getByTestId('run-parent').click()
    await expect.poll(() => shownRun(page.url())).toEqual([parent, parentRun])
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor()

    // The call step's run data opens the child's run, on the child flow's canvas.
    await selectNode(page, 'call')
    await page.getByTestId('tab-run').click()
    await page.getByTestId('called-run').click()
    await expect.poll(() => shownRun(page.url())).toEqual([child, childRun])
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor()
    await expect(page.getByTestId('node-answer').getAttribute('data-status')).resolves.toBe('succeeded')
    await screenshot(page, 'flow-call-child-run')
    expect(errors).toEqual([])
  })
})

describe('the flows a flow may call', () => {
  it('offers an owner only the flows of the edited flow’s owner, not a colleague’s, which the call would refuse', async () => {
    const { page, errors, server } = session
    const api = page.context().request
    const added = await api.post(`${server.url}/api/users`, {
      data: { email: 'xiaoli@example.com', password: '小李的密码12345', role: 'editor' },
    })
    expect(added.status()).toBe(201)
    // The colleague signs in elsewhere and publishes a flow of their own.
    const colleague = await session.browser.newContext()
    const signedIn = await colleague.request.post(`${server.url}/api/auth/login`, {
      data: { email: 'xiaoli@example.com', password: '小李的密码12345' },
    })
    expect(signedIn.status()).toBe(200)
    const theirs = await createFlow(colleague.request, {
      name: '小李的流程',
      nodes: [{ id: 'hook', type: 'trigger.webhook', version: 1, config: {} }],
      edges: [],
    })
    expect(
      (await colleague.request.post(`${server.url}/api/flows/${theirs}/publish`, { data: {} })).status(),
    ).toBe(201)
    await colleague.close()

    const mine = await createFlow(api, {
      name: '我的工具流程',
      nodes: [{ id: 'hook', type: 'trigger.webhook', version: 1, config: {} }],
      edges: [],
    })
    const caller = await createFlow(api, {
      name: '调用方',
      nodes: [
        { id: 'start', type: 'trigger.manual', version: 1, config: {}, position: { x: 0, y: 0 } },
        { id: 'call', type: 'flow.call', version: 1, config: {}, position: { x: 300, y: 0 } },
        { id: 'agent', type: 'ai.agent', version: 1, config: {}, position: { x: 300, y: 200 } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'call' },
        { id: 'e2', source: 'start', target: 'agent' },
      ],
    })
    await page.goto(`${server.url}/#/flows/${caller}`)

    // The owner sees every flow in the list, but a flow runs its calls as its own owner (runs/flow-caller.ts).
    await selectNode(page, 'call')
    const options = page.getByTestId('input-flowId').locator('option')
    await expect.poll(() => options.allTextContents()).toContain('我的工具流程（未发布）')
    expect(await options.allTextContents()).not.toContain('小李的流程')

    await selectNode(page, 'agent')
    await page.getByTestId(`flow-tool-${mine}`).waitFor()
    expect(await page.getByTestId(`flow-tool-${theirs}`).count()).toBe(0)
    expect(errors).toEqual([])
  })
})
