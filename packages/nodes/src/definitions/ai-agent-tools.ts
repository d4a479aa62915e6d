import { z } from 'zod'
import type { AgentTool, NodeContext } from '../context.ts'
import { NodeError, ZhiliuError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { InputField, inputJsonSchema } from './input-schema.ts'

/** What the model calls a tool: OpenAI accepts letters, digits, `_` and `-`, at most 64. */
export const ToolName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    'a tool name has only English letters, digits, _ and - (at most 64)',
  )

/** An HTTP request the user describes as a tool: `{name}` in the URL takes that argument, URL-encoded. */
export const HttpTool = z.object({
  name: field(ToolName, {
    widget: 'text',
    label: t('工具名（英文）', 'Tool name'),
    placeholder: t('get_weather', 'get_weather'),
  }),
  description: field(z.string().min(1).max(1000), {
    widget: 'textarea',
    label: t('用途说明', 'What it does'),
    help: t('模型根据这段说明决定何时调用它。', 'The model decides from this when to call it.'),
  }),
  method: field(z.enum(['GET', 'POST']).default('GET'), {
    widget: 'select',
    label: t('请求方式', 'Method'),
    options: {
      GET: t('GET（参数放在网址里）', 'GET (arguments in the URL)'),
      POST: t('POST（参数作为 JSON 发送）', 'POST (arguments sent as JSON)'),
    },
  }),
  url: field(z.string().min(1).max(2000), {
    widget: 'text',
    label: t('网址', 'URL'),
    placeholder: t('https://api.example.com/orders/{orderId}', 'https://api.example.com/orders/{orderId}'),
    help: t(
      '{参数名} 处填入模型给的值；其余参数 GET 时加在网址后，POST 时作为 JSON 发送。',
      '{name} takes that argument; the rest go in the query (GET) or a JSON body (POST).',
    ),
  }),
  parameters: field(z.array(InputField).max(30).default([]), {
    widget: 'list',
    label: t('参数', 'Parameters'),
  }),
})
export type HttpTool = z.infer<typeof HttpTool>

/** A tool from a source the server offers: a knowledge base (`kb`) or an MCP server (`mcp`), by its id. */
export const SourceTool = z.object({
  source: field(z.enum(['kb', 'mcp']), {
    widget: 'select',
    label: t('来源', 'Source'),
    options: { kb: t('知识库检索', 'Knowledge-base search'), mcp: t('MCP 服务', 'MCP server') },
  }),
  ref: field(z.string().min(1).max(200), {
    widget: 'text',
    label: t('知识库或 MCP 服务的 ID', 'Knowledge base or MCP server id'),
  }),
})

/** Every tool the agent's config names, with names made unique (the model tells tools apart by name only). */
export async function collectTools(
  config: { flowTools: string[]; httpTools: HttpTool[]; sourceTools: z.infer<typeof SourceTool>[] },
  ctx: NodeContext,
): Promise<AgentTool[]> {
  const flows = await Promise.all(config.flowTools.map((flowId) => flowTool(flowId, ctx)))
  const sourced = await Promise.all(
    config.sourceTools.map((s) => ctx.tools.resolve(s.source, s.ref, ctx.signal)),
  )
  const all = [...flows, ...config.httpTools.map((tool) => httpTool(tool, ctx)), ...sourced.flat()]
  const seen = new Map<string, number>()
  return all.map((tool) => {
    const count = (seen.get(tool.name) ?? 0) + 1
    seen.set(tool.name, count)
    return count === 1 ? tool : { ...tool, name: `${tool.name.slice(0, 60)}_${count}` }
  })
}

async function flowTool(flowId: string, ctx: NodeContext): Promise<AgentTool> {
  const flow = await ctx.flows.describe(flowId, ctx.signal)
  // Flow names are often Chinese; the model gets an ASCII name and the real name in the description.
  const ascii = flow.name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
  return {
    name: /^[A-Za-z]/.test(ascii)
      ? `flow_${ascii}`.slice(0, 64)
      : `flow_${flow.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}`,
    description: [flow.name, flow.description].filter(Boolean).join(': '),
    inputSchema: flow.inputSchema,
    async call(args, signal, linkRun) {
      let res: Awaited<ReturnType<typeof ctx.flows.call>>
      try {
        // Unique per call: the model may call the same flow twice with other arguments, and a retried agent anew.
        // Linked once the child exists: a call the tool timeout stops may end with an error that does not name it.
        res = await ctx.flows.call(flowId, args, {
          signal,
          key: `${ctx.idempotencyKey}:${crypto.randomUUID()}`,
          onStarted: linkRun,
        })
      } catch (err) {
        // Also from an error that names it, and below from the answer: a caller need not report the start (the
        // command line's does not, and names its run in the answer only).
        const runId =
          err instanceof ZhiliuError ? (err.details as { runId?: unknown } | undefined)?.runId : undefined
        if (typeof runId === 'string') linkRun(runId)
        throw err
      }
      linkRun(res.runId)
      // The agent's loop cannot stop half-way for a person: the model hears that this tool waits, as an error.
      if ('wait' in res) {
        throw new NodeError(
          'FLOW_CALL_WAITING',
          `the flow "${res.wait.flowName}" (run ${res.runId}) waits for a person's approval; an agent cannot wait for it`,
          { details: { runId: res.runId } },
        )
      }
      return res.output
    },
  }
}

/** At most this much of a reply goes back to the model, so one large page cannot eat the token budget. */
const MAX_REPLY_CHARS = 20_000

function httpTool(tool: HttpTool, ctx: NodeContext): AgentTool {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: inputJsonSchema(tool.parameters),
    async call(args, signal) {
      const values = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>
      const used = new Set<string>()
      const address = tool.url.replace(/\{([^{}]+)\}/g, (_, name: string) => {
        used.add(name)
        return encodeURIComponent(String(values[name] ?? ''))
      })
      const rest = Object.entries(values).filter(([name]) => !used.has(name))
      let url: URL
      try {
        url = new URL(address)
      } catch {
        throw new NodeError('AGENT_TOOL_URL_INVALID', `tool ${tool.name}: "${address}" is not a web address`)
      }
      if (tool.method === 'GET')
        for (const [k, v] of rest) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v))
      // ctx.fetch is the server's guarded fetch: private and internal addresses are refused at connect time.
      const res = await ctx.fetch(url, {
        method: tool.method,
        signal,
        ...(tool.method === 'POST'
          ? {
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(Object.fromEntries(rest)),
            }
          : {}),
      })
      const text = (await res.text()).slice(0, MAX_REPLY_CHARS)
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 500)}`)
      try {
        return JSON.parse(text) as unknown
      } catch {
        return text
      }
    },
  }
}
