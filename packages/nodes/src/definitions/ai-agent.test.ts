import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AgentTool, FlowCaller, ToolSources } from '../context.ts'
import { NodeError } from '../errors.ts'
import { aiAgent } from './ai-agent.ts'
import { nodeError, runNode } from './test-context.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

type Sent = {
  tools?: { type: string; function: { name: string; parameters: unknown } }[]
  messages: {
    role: string
    content: string
    tool_call_id?: string
    tool_calls?: { id: string; function: { name: string; arguments: string } }[]
    reasoning_content?: string
  }[]
}
const sent = (i: number) => fake.requests[i]?.body as Sent

/** Two published flows as tools: an order lookup and an FAQ that always fails. */
function flowsWith(log: { flowId: string; input: unknown }[]): FlowCaller {
  const flows = {
    orders: { id: 'orders', name: 'Order status', description: '查订单', field: 'orderId' },
    faq: { id: 'faq', name: 'FAQ', description: '常见问题', field: 'question' },
  } as const
  return {
    async describe(flowId) {
      const flow = flows[flowId as keyof typeof flows]
      return {
        id: flow.id,
        name: flow.name,
        description: flow.description,
        inputSchema: { type: 'object', properties: { [flow.field]: { type: 'string' } } },
      }
    },
    async call(flowId, input) {
      log.push({ flowId, input })
      // As the server's caller fails: the child run that failed is named in the details.
      if (flowId === 'faq') {
        throw new NodeError('FLOW_CALL_FAILED', 'the FAQ flow failed at node lookup', {
          details: { runId: `child_${log.length}` },
        })
      }
      return { runId: `child_${log.length}`, output: { status: '已发货' } }
    },
  }
}

const config = { prompt: '订单 12345 到哪了？', flowTools: ['orders', 'faq'] }

describe('ai.agent', () => {
  it('runs parallel tool calls, feeds results and failures back, and answers with every step recorded', async () => {
    fake.script(
      {
        reasoning: '先查订单和退货政策',
        toolCalls: [
          { id: 'c1', name: 'flow_Order_status', arguments: '{"orderId":"12345"}' },
          { id: 'c2', name: 'flow_FAQ', arguments: '{"question":"退货"}' },
        ],
      },
      { content: '您的订单已发货。', reasoning: '订单已发货，FAQ 不可用' },
    )
    const calls: { flowId: string; input: unknown }[] = []
    const ctx = contextWith(fake, 'deepseek', { flows: flowsWith(calls) })
    const out = (await runNode(aiAgent, { ...config, model: 'deepseek-reasoner' }, undefined, ctx)) as {
      text: string
      reasoning: string
      steps: {
        message: string
        reasoning?: string
        toolCalls: { name: string; arguments: unknown; result?: unknown; error?: string; runId?: string }[]
      }[]
      usage: { promptTokens: number }
    }
    expect(out.text).toBe('您的订单已发货。')
    expect(out.reasoning).toBe('订单已发货，FAQ 不可用')
    expect(calls).toEqual([
      { flowId: 'orders', input: { orderId: '12345' } },
      { flowId: 'faq', input: { question: '退货' } },
    ])
    expect(out.steps).toHaveLength(2)
    expect(out.steps[0]?.reasoning).toBe('先查订单和退货政策')
    // Each flow tool call names the child run it started, answered or failed, for the run view to link to.
    expect(out.steps[0]?.toolCalls).toMatchObject([
      {
        name: 'flow_Order_status',
        arguments: { orderId: '12345' },
        result: { status: '已发货' },
        runId: 'child_1',
      },
      {
        name: 'flow_FAQ',
        arguments: { question: '退货' },
        error: 'the FAQ flow failed at node lookup',
        runId: 'child_2',
      },
    ])
    // The tools were offered with the flows' input schemas.
    expect(sent(0).tools?.map((t) => t.function.name)).toEqual(['flow_Order_status', 'flow_FAQ'])
    expect(sent(0).tools?.[0]?.function.parameters).toMatchObject({
      properties: { orderId: { type: 'string' } },
    })
    // Second request: the tool-call turn with its reasoning (DeepSeek's thinking mode checks it), then both results
    // — and no run id, which is the run view's, not the model's.
    const second = sent(1).messages
    expect(second.at(-3)).toMatchObject({
      role: 'assistant',
      reasoning_content: '先查订单和退货政策',
      tool_calls: [{ id: 'c1' }, { id: 'c2' }],
    })
    expect(second.at(-2)).toEqual({ role: 'tool', tool_call_id: 'c1', content: '{"status":"已发货"}' })
    expect(second.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'c2' })
    expect(JSON.parse(second.at(-1)?.content ?? '')).toEqual({ error: 'the FAQ flow failed at node lookup' })
    // Reasoning was streamed on its own channel, never into the answer.
    expect(
      ctx.chunks
        .filter((c) => c.channel === 'text')
        .map((c) => c.text)
        .join(''),
    ).toBe('您的订单已发货。')
    expect(ctx.chunks.some((c) => c.channel === 'reasoning')).toBe(true)
    expect(out.usage.promptTokens).toBeGreaterThan(0)
  })

  it('tells the model a flow tool whose run waits for an approval cannot be waited for (FLOW_CALL_WAITING)', async () => {
    fake.script(
      { toolCalls: [{ id: 'c1', name: 'flow_Order_status', arguments: '{"orderId":"9"}' }] },
      { content: '退款需要审核，请稍候。' },
    )
    const waiting: FlowCaller = {
      ...flowsWith([]),
      async call() {
        const claim = { key: 'k', requestHash: 'h' }
        const wait = {
          calledRunId: 'child_1',
          flowId: 'orders',
          flowName: 'Order status',
          childStatus: 'waiting' as const,
          claim,
        }
        return { runId: 'child_1', wait }
      },
    }
    const ctx = contextWith(fake, 'deepseek', { flows: waiting })
    const out = (await runNode(aiAgent, { ...config, flowTools: ['orders'] }, undefined, ctx)) as {
      text: string
      steps: { toolCalls: { error?: string; runId?: string }[] }[]
    }
    expect(out.text).toBe('退款需要审核，请稍候。')
    expect(out.steps[0]?.toolCalls[0]?.error).toMatch(/child_1.*waits for a person's approval/)
    expect(out.steps[0]?.toolCalls[0]?.runId).toBe('child_1')
  })

  it('names the child run a flow tool started even when its tool timeout stops the call before it answers', async () => {
    fake.script(
      { toolCalls: [{ id: 'c1', name: 'flow_Order_status', arguments: '{"orderId":"9"}' }] },
      { content: '查询超时。' },
    )
    // As the server's caller: the child exists at once; stopped, the call fails without naming it.
    const slow: FlowCaller = {
      ...flowsWith([]),
      call: (_flowId, _input, { signal, onStarted }) =>
        new Promise((_, reject) => {
          onStarted?.('child_slow')
          signal.addEventListener('abort', () => reject(new Error('the call was stopped')))
        }),
    }
    const ctx = contextWith(fake, 'deepseek', { flows: slow })
    const out = (await runNode(
      aiAgent,
      { ...config, flowTools: ['orders'], toolTimeoutSeconds: 1 },
      undefined,
      ctx,
    )) as { steps: { toolCalls: { error?: string; runId?: string }[] }[] }
    expect(out.steps[0]?.toolCalls).toMatchObject([{ runId: 'child_slow', error: 'no answer within 1 s' }])
  })

  it('tells the model its arguments were not JSON, and lets it try again', async () => {
    fake.script(
      { toolCalls: [{ id: 'bad', name: 'flow_Order_status', arguments: '{"orderId": 123' }] },
      { toolCalls: [{ id: 'good', name: 'flow_Order_status', arguments: '{"orderId":"123"}' }] },
      { content: '已发货' },
    )
    const calls: { flowId: string; input: unknown }[] = []
    const ctx = contextWith(fake, 'deepseek', { flows: flowsWith(calls) })
    const out = (await runNode(aiAgent, config, undefined, ctx)) as { text: string; steps: unknown[] }
    expect(out.text).toBe('已发货')
    expect(calls).toEqual([{ flowId: 'orders', input: { orderId: '123' } }])
    const fedBack = sent(1).messages.at(-1)
    expect(fedBack?.tool_call_id).toBe('bad')
    expect(fedBack?.content).toMatch(/not valid JSON/)
  })

  it('fails with AGENT_MAX_STEPS when the model never stops calling tools', async () => {
    const loop = { toolCalls: [{ name: 'flow_Order_status', arguments: '{"orderId":"1"}' }] }
    fake.script(loop, loop, loop, loop)
    const ctx = contextWith(fake, 'deepseek', { flows: flowsWith([]) })
    const err = await nodeError(runNode(aiAgent, { ...config, maxSteps: 3 }, undefined, ctx))
    expect(err.code).toBe('AGENT_MAX_STEPS')
    expect(fake.requests).toHaveLength(3)
  })

  it('fails with AGENT_TOKEN_BUDGET once the steps used up the budget', async () => {
    const loop = {
      toolCalls: [{ name: 'flow_Order_status', arguments: '{}' }],
      usage: { prompt_tokens: 600 },
    }
    fake.script(loop, loop, loop)
    const ctx = contextWith(fake, 'deepseek', { flows: flowsWith([]) })
    const err = await nodeError(runNode(aiAgent, { ...config, tokenBudget: 1000 }, undefined, ctx))
    expect(err.code).toBe('AGENT_TOKEN_BUDGET')
    expect(fake.requests).toHaveLength(2)
  })

  it('stops a tool at its timeout and tells the model, and offers tools from the pluggable sources', async () => {
    const slow: AgentTool = {
      name: 'kb_search',
      description: 'Searches the help centre',
      inputSchema: { type: 'object', properties: { query: { type: 'string' } } },
      call: (_args, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    }
    const sources: ToolSources = {
      async resolve(source, ref) {
        expect([source, ref]).toEqual(['kb', 'kb_1'])
        return [slow]
      },
    }
    fake.script(
      { toolCalls: [{ id: 's', name: 'kb_search', arguments: '{"query":"退货"}' }] },
      { content: '好的' },
    )
    const ctx = contextWith(fake, 'deepseek', { tools: sources })
    const out = (await runNode(
      aiAgent,
      { prompt: '怎么退货', sourceTools: [{ source: 'kb', ref: 'kb_1' }], toolTimeoutSeconds: 1 },
      undefined,
      ctx,
    )) as { steps: { toolCalls: { error?: string }[] }[] }
    expect(out.steps[0]?.toolCalls[0]?.error).toMatch(/no answer within 1 s/)
  })

  it('calls the HTTP tools the user described: {name} in the URL, the rest as query (GET) or JSON (POST)', async () => {
    const sentRequests: { url: string; method: string; body?: string }[] = []
    const fetch = async (input: string | URL, init?: RequestInit) => {
      const url = String(input)
      sentRequests.push({
        url,
        method: init?.method ?? 'GET',
        ...(init?.body ? { body: String(init.body) } : {}),
      })
      if (url.includes('/missing')) return new Response('no such order', { status: 404 })
      return Response.json({ ok: true, url })
    }
    fake.script(
      {
        toolCalls: [
          { id: 'g', name: 'get_order', arguments: '{"orderId":"A 1/2","fields":"status"}' },
          { id: 'p', name: 'refund', arguments: '{"orderId":"A-1","reason":"破损"}' },
          { id: 'm', name: 'get_order', arguments: '{"orderId":"missing"}' },
        ],
      },
      { content: '已登记退款' },
    )
    const ctx = contextWith(fake, 'deepseek', { fetch })
    // Both tools take the order and one optional text parameter.
    const orderTool = (name: string, description: string, method: string, url: string, extra: string) => ({
      name,
      description,
      method,
      url,
      parameters: [
        { name: 'orderId', type: 'string', required: true },
        { name: extra, type: 'string' },
      ],
    })
    const httpTools = [
      orderTool('get_order', '查订单', 'GET', 'https://shop.example.com/orders/{orderId}', 'fields'),
      orderTool('refund', '登记退款', 'POST', 'https://shop.example.com/refunds', 'reason'),
    ]
    const out = (await runNode(aiAgent, { prompt: '退款', httpTools }, undefined, ctx)) as {
      text: string
      steps: { toolCalls: { id: string; result?: unknown; error?: string }[] }[]
    }
    expect(out.text).toBe('已登记退款')
    // The model was offered each tool with its parameters as a JSON Schema.
    expect(sent(0).tools?.find((t) => t.function.name === 'get_order')?.function.parameters).toMatchObject({
      properties: { orderId: { type: 'string' }, fields: { type: 'string' } },
      required: ['orderId'],
    })
    expect(sentRequests).toEqual(
      expect.arrayContaining([
        { url: 'https://shop.example.com/orders/A%201%2F2?fields=status', method: 'GET' },
        {
          url: 'https://shop.example.com/refunds',
          method: 'POST',
          body: '{"orderId":"A-1","reason":"破损"}',
        },
        { url: 'https://shop.example.com/orders/missing', method: 'GET' },
      ]),
    )
    const [get, post, missing] = out.steps[0]?.toolCalls ?? []
    expect(get?.result).toEqual({ ok: true, url: 'https://shop.example.com/orders/A%201%2F2?fields=status' })
    expect(post?.result).toMatchObject({ ok: true })
    // A failed request is the model's to read, not the node's failure.
    expect(missing?.error).toBe('HTTP 404: no such order')
  })

  it('refuses tools for a model whose preset says it cannot call them', async () => {
    const ctx = contextWith(fake, 'ollama', { flows: flowsWith([]) })
    const err = await nodeError(runNode(aiAgent, { ...config, model: 'deepseek-r1:7b' }, undefined, ctx))
    expect(err.code).toBe('MODEL_CAPABILITY_MISSING')
    expect(fake.requests).toHaveLength(0)
  })

  it('plays a scripted tool-calling session on the offline demo model', async () => {
    const calls: { flowId: string; input: unknown }[] = []
    const out = (await runNode(aiAgent, config, undefined, demoContext({ flows: flowsWith(calls) }))) as {
      steps: { toolCalls: unknown[] }[]
      text: string
    }
    // The demo asked for the order tool with the number from the question, then answered from its result.
    expect(calls).toEqual([{ flowId: 'orders', input: { orderId: '12345' } }])
    expect(out.steps).toHaveLength(2)
    expect(out.text).toContain('已发货')
  })
})
