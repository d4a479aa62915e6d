import type { AgentTool, ChatMessage, ChatRequest, ModelCost, NodeContext, ToolCall } from '../context.ts'
import { NodeError } from '../errors.ts'
import { askModel } from './ai-model-fields.ts'

/** One tool call of a step, as the run view shows it. */
export interface AgentToolCall {
  id: string
  name: string
  /** The parsed arguments, or the model's text when it was not JSON. */
  arguments: unknown
  result?: unknown
  error?: string
  /** The run the tool started (a flow tool's child run), for the run view to link to; never told to the model. */
  runId?: string
  ms: number
}

/** One round trip to the model and the tools it asked for. */
export interface AgentStep {
  message: string
  reasoning?: string
  toolCalls: AgentToolCall[]
  ms: number
  usage: { promptTokens: number; completionTokens: number; reasoningTokens?: number }
  cost?: ModelCost
}

export interface AgentLimits {
  maxSteps: number
  /** Prompt plus completion tokens over all steps; undefined: no limit beyond the run's. */
  tokenBudget?: number | undefined
  toolTimeoutMs: number
}

export interface AgentAnswer {
  text: string
  reasoning?: string
  steps: AgentStep[]
  model: string
  provider: string
  usage: { promptTokens: number; completionTokens: number; reasoningTokens?: number }
  cost?: ModelCost
}

/** A tool's reply as the model reads it: at most this much, so one big answer cannot eat the context. */
const MAX_TOOL_TEXT = 20_000

/**
 * The agent's loop: ask the model with the tools; while it asks for tools, run them (in parallel, each within its
 * timeout) and feed the results back; stop at its answer, or fail past the step limit or the token budget. A tool
 * that fails, an unknown tool and arguments that are not JSON are told to the model, which may try again.
 */
export async function runAgent(
  request: Omit<ChatRequest, 'tools'>,
  tools: readonly AgentTool[],
  limits: AgentLimits,
  ctx: NodeContext,
): Promise<AgentAnswer> {
  const messages: ChatMessage[] = [...request.messages]
  const byName = new Map(tools.map((tool) => [tool.name, tool]))
  const specs = tools.map((t) => ({ name: t.name, description: t.description, parameters: t.inputSchema }))
  const steps: AgentStep[] = []
  const usage = { promptTokens: 0, completionTokens: 0, reasoningTokens: 0 }
  let cost: ModelCost | undefined
  for (let index = 0; index < limits.maxSteps; index++) {
    const spent = usage.promptTokens + usage.completionTokens
    if (limits.tokenBudget !== undefined && spent >= limits.tokenBudget) {
      throw new NodeError(
        'AGENT_TOKEN_BUDGET',
        `The agent used ${spent} tokens, past its budget of ${limits.tokenBudget}, before it answered`,
        { details: { steps } },
      )
    }
    const started = ctx.clock.now()
    const res = await askModel({ ...request, messages, ...(specs.length ? { tools: specs } : {}) }, ctx)
    usage.promptTokens += res.usage.promptTokens
    usage.completionTokens += res.usage.completionTokens
    usage.reasoningTokens += res.usage.reasoningTokens ?? 0
    if (res.cost) cost = { cny: (cost?.cny ?? 0) + res.cost.cny, usd: (cost?.usd ?? 0) + res.cost.usd }
    const calls = res.toolCalls ?? []
    const step: AgentStep = {
      message: res.text,
      ...(res.reasoning ? { reasoning: res.reasoning } : {}),
      toolCalls: [],
      ms: 0,
      usage: res.usage,
      ...(res.cost ? { cost: res.cost } : {}),
    }
    steps.push(step)
    if (calls.length === 0) {
      step.ms = ctx.clock.now() - started
      return {
        text: res.text,
        ...(res.reasoning ? { reasoning: res.reasoning } : {}),
        steps,
        model: res.model,
        provider: res.provider,
        usage: usage.reasoningTokens
          ? usage
          : { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens },
        ...(cost ? { cost } : {}),
      }
    }
    messages.push({
      role: 'assistant',
      content: res.text,
      toolCalls: calls,
      ...(res.reasoning ? { reasoning: res.reasoning } : {}),
    })
    step.toolCalls = await Promise.all(calls.map((call) => callTool(call, byName, limits, ctx)))
    for (const done of step.toolCalls) {
      messages.push({ role: 'tool', toolCallId: done.id, content: toolText(done) })
    }
    step.ms = ctx.clock.now() - started
  }
  throw new NodeError(
    'AGENT_MAX_STEPS',
    `The agent was still calling tools after ${limits.maxSteps} steps; raise the step limit or make the task clearer`,
    { details: { steps } },
  )
}

async function callTool(
  call: ToolCall,
  byName: ReadonlyMap<string, AgentTool>,
  limits: AgentLimits,
  ctx: NodeContext,
): Promise<AgentToolCall> {
  const started = ctx.clock.now()
  let runId: string | undefined
  const done = (fields: Pick<AgentToolCall, 'arguments'> & ({ result: unknown } | { error: string })) => ({
    id: call.id,
    name: call.name,
    ...fields,
    ...(runId ? { runId } : {}),
    ms: ctx.clock.now() - started,
  })
  let args: unknown
  try {
    args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    return done({
      arguments: call.arguments,
      error: `the arguments are not valid JSON (${reason}); call again with a JSON object`,
    })
  }
  const tool = byName.get(call.name)
  if (!tool) {
    return done({
      arguments: args,
      error: `there is no tool named "${call.name}"; use one of: ${[...byName.keys()].join(', ')}`,
    })
  }
  ctx.emit({ channel: 'progress', text: `→ ${call.name}\n` })
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(limits.toolTimeoutMs)])
  try {
    const result = await tool.call(args, signal, (id) => {
      runId = id
      // Should the whole agent be stopped first, its error still names the run (the last one started).
      ctx.linkRun(id)
    })
    return done({ arguments: args, result })
  } catch (err) {
    // The run was cancelled or timed out as a whole: stop, rather than tell the model.
    if (ctx.signal.aborted) throw err
    const timedOut = signal.aborted
    const reason = timedOut
      ? `no answer within ${limits.toolTimeoutMs / 1000} s`
      : err instanceof Error
        ? err.message
        : String(err)
    return done({ arguments: args, error: reason })
  }
}

function toolText(call: AgentToolCall): string {
  const text =
    call.error !== undefined
      ? JSON.stringify({ error: call.error })
      : typeof call.result === 'string'
        ? call.result
        : (JSON.stringify(call.result) ?? 'null')
  return text.length > MAX_TOOL_TEXT ? `${text.slice(0, MAX_TOOL_TEXT)}…(cut)` : text
}
