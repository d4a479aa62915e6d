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
        { id: 'start', type: 'trigger.manual', version: 1, config: {} },
        { id: 'call', type: 'flow.call', version: 1, config: { flowId: child, inputs: { orderId: 'A-1' } } },
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
