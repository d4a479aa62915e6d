import type { CalledFlowWait } from './called-flow-wait.ts'

/**
 * A tool an `ai.agent` may call. Every kind of tool has this one shape — a published flow, the user's HTTP request,
 * a knowledge base's search, an MCP server's tool — so the agent's loop knows nothing of where a tool comes from.
 */
export interface AgentTool {
  /** What the model calls it: letters, digits, `_` and `-`, at most 64 characters (OpenAI's rule). */
  name: string
  description: string
  /** A JSON Schema (type `object`) for the arguments. */
  inputSchema: Record<string, unknown>
  /**
   * Runs the tool with the model's arguments (parsed JSON, not yet checked); what it returns goes back to the model.
   * A tool that starts a run (a flow tool's child run) names it with `linkRun` as soon as the run exists, so that it
   * is named however the call ends (answered, failed, timed out): the agent's step records the id for the run view
   * to link to, and the model never sees it. Naming the same run again is harmless.
   */
  call(args: unknown, signal: AbortSignal, linkRun: (runId: string) => void): Promise<unknown>
}

/**
 * Tools that live outside the flow, by source: `kb` (knowledge-base search), `mcp` (a configured MCP server's tools)
 * and whatever the server registers later. The server resolves them as the run's owner may use them.
 */
export interface ToolSources {
  /** The tools `ref` names in `source` (a knowledge base id, an MCP server id). Throws when either is unknown. */
  resolve(source: string, ref: string, signal: AbortSignal): Promise<AgentTool[]>
}

/** A flow another flow may call, described by its trigger. */
export interface CalledFlow {
  id: string
  name: string
  description: string
  /** The trigger's declared input fields as a JSON Schema (type `object`). */
  inputSchema: Record<string, unknown>
}

export interface FlowCallResult {
  /** The child run, linked to this run as its parent. */
  runId: string
  /** What the child answered: its first `flow.respond` output, else its last node's output. */
  output: unknown
}

/**
 * The child stopped for a person (an approval, a send to confirm) and goes on once they decide. `flow.call` waits
 * with it (it suspends with `wait`, and the server resumes it when the child ends); an agent cannot wait mid-loop.
 */
export interface FlowCallWaiting {
  runId: string
  wait: CalledFlowWait
}

/**
 * Runs other flows for `flow.call` and an agent's flow tools: their published version, or their draft when this run
 * is a draft run in the editor; only flows the run's owner may run; failing with the child's error.
 */
export interface FlowCaller {
  describe(flowId: string, signal: AbortSignal): Promise<CalledFlow>
  /**
   * `key` tells calls of one node apart (the node key, plus the tool call's id for an agent). `onStarted` hears the
   * child run's id as soon as the run exists, before it executes: a caller stopped before the call answers (an
   * agent's tool timeout) still knows which run it started. It may hear it again from the answer or the error.
   */
  call(
    flowId: string,
    input: unknown,
    options: { signal: AbortSignal; key: string; onStarted?: (runId: string) => void },
  ): Promise<FlowCallResult | FlowCallWaiting>
}
