import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './support/browser.ts'
import { connect, createBlankFlow, dropNode, selectNode } from './support/editor-actions.ts'
import { closeEditor, type EditorSession, openSignedInEditor } from './support/editor-session.ts'

let session: EditorSession

beforeAll(async () => {
  session = await openSignedInEditor()
}, 180_000)

afterAll(() => closeEditor(session))

/** A published webhook → respond flow: an agent may call it as a tool, its input field being the tool's argument. */
async function publishToolFlow(
  name: string,
  description: string,
  field: string,
  body: Record<string, string>,
): Promise<string> {
  const api = session.page.context().request
  const base = session.server.url
  const created = await api.post(`${base}/api/flows`, {
    data: {
      schemaVersion: 1,
      name,
      description,
      nodes: [
        {
          id: 'hook',
          type: 'trigger.webhook',
          version: 1,
          config: { responseMode: 'sync', inputSchema: [{ name: field, type: 'string', required: true }] },
        },
        { id: 'answer', type: 'flow.respond', version: 1, config: { status: 200, body } },
      ],
      edges: [{ id: 'e1', source: 'hook', target: 'answer' }],
    },
  })
  expect(created.status()).toBe(201)
  const { id } = (await created.json()) as { id: string }
  expect((await api.post(`${base}/api/flows/${id}/publish`, { data: {} })).status()).toBe(201)
  return id
}

describe('building an agent with flow tools on an empty canvas', () => {
  it('drops webhook → agent → respond, picks two published flows as tools, runs offline and shows each tool call', async () => {
    const { page, errors } = session
    const orderFlow = await publishToolFlow('订单查询 Order status', '按订单号查询订单状态', 'orderId', {
      orderId: '{{ trigger.body.orderId }}',
      status: '已发货',
    })
    const faqFlow = await publishToolFlow('常见问题 FAQ', '退换货等常见问题', 'question', {
      answer: '签收后 7 天内可无理由退货',
    })

    await createBlankFlow(page, '自己搭的客服')
    await dropNode(page, 'trigger.webhook', 110, 150)
    await dropNode(page, 'ai.agent', 370, 300)
    await dropNode(page, 'flow.respond', 600, 150)
    await connect(page, 'webhook_1', 'agent_1')
    await connect(page, 'agent_1', 'respond_1')
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2)

    await selectNode(page, 'webhook_1')
    await page.getByTestId('add-inputSchema').click()
    await page.locator('#cfg-webhook_1-inputSchema-0-name').fill('message')

    // The agent's tools are chosen in its own form: a check box per flow this person may run.
    await selectNode(page, 'agent_1')
    await page.getByTestId('input-prompt').fill('{{ trigger.body.message }}')
    await page.getByTestId(`flow-tool-${orderFlow}`).check()
    await page.getByTestId(`flow-tool-${faqFlow}`).check()
    await expect.poll(() => page.getByTestId('input-flowTools').locator('input:checked').count()).toBe(2)

    await selectNode(page, 'respond_1')
    await page.getByTestId('input-body').fill('{{ nodes.agent_1.text }}')
    await expect.poll(() => page.getByTestId('problem-count').count()).toBe(0)
    await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor()

    // An order number and a return question: the demo model's script calls both tools, then answers from them.
    await page.getByTestId('open-run').click()
    await page.getByTestId('run-field-message').fill('我的订单 20240815001 到哪了？不合适怎么退货？')
    await page.getByTestId('run-submit').click()
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor({ timeout: 15_000 })

    await selectNode(page, 'agent_1')
    await page.getByTestId('tab-run').click()
    const calls = page.getByTestId('agent-tool-call')
    await expect.poll(() => page.getByTestId('agent-step').count()).toBe(2)
    await expect.poll(() => calls.count()).toBe(2)
    const order = calls.filter({ hasText: 'flow_Order_status' })
    await expect.poll(() => order.textContent()).toContain('20240815001')
    await expect.poll(() => order.textContent()).toContain('已发货')
    const faq = calls.filter({ hasText: 'flow_FAQ' })
    await expect.poll(() => faq.textContent()).toContain('怎么退货')
    await expect.poll(() => faq.textContent()).toContain('7 天内可无理由退货')
    // The answer step, and the flow's response, are built from what the tools returned.
    await expect.poll(() => page.getByTestId('run-output').textContent()).toContain('已发货')
    await order.getByTestId('agent-called-run').scrollIntoViewIfNeeded()
    await screenshot(page, 'agent-build')

    // The order tool's call opens the run it started, on the order flow's canvas.
    const api = page.context().request
    const childRuns = (await (
      await api.get(`${session.server.url}/api/runs?flowId=${orderFlow}`)
    ).json()) as {
      items: { id: string }[]
    }
    expect(childRuns.items).toHaveLength(1)
    await order.getByTestId('agent-called-run').click()
    await expect.poll(() => page.url()).toContain(`#/flows/${orderFlow}/runs/${childRuns.items[0]?.id}`)
    await page.locator('[data-testid="run-bar"][data-status="succeeded"]').waitFor()
    await expect(page.getByTestId('node-answer').getAttribute('data-status')).resolves.toBe('succeeded')
    expect(errors).toEqual([])
  })
})
