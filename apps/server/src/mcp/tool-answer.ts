import { z } from 'zod'
import { jsonText } from '../http/json-text.ts'
import type { RunWait } from '../runs/run-service.ts'

/** What a tool call returns (MCP's CallToolResult): text for every client, structured content for those that read it. */
export interface ToolAnswer {
  [key: string]: unknown
  content: Array<{ type: 'text'; text: string }>
  structuredContent?: Record<string, unknown>
  isError?: boolean
}

const RespondOutput = z.object({ status: z.number(), body: z.unknown() })

/**
 * A finished (or answered) run as a tool result: a Respond node's body, else the run's output. A failed or
 * cancelled run, a Respond status of 400 or more, or a run still going at the wait limit is a tool error (isError),
 * which the calling model reads; protocol errors are kept for calls that never reached a flow.
 */
export function toolAnswer(wait: RunWait, runId: string): ToolAnswer {
  switch (wait.state) {
    case 'responded': {
      const parsed = RespondOutput.safeParse(wait.output)
      if (!parsed.success) return toolError(`The Respond node gave no usable response (run ${runId})`)
      if (parsed.data.status >= 400) return { ...valueAnswer(parsed.data.body), isError: true }
      return valueAnswer(parsed.data.body)
    }
    case 'finished': {
      const { outcome } = wait
      if (outcome.status === 'succeeded') return valueAnswer(outcome.output ?? null)
      const verb = outcome.status === 'cancelled' ? 'was cancelled' : 'failed'
      const where = outcome.error?.nodeId ? ` at node ${outcome.error.nodeId}` : ''
      return toolError(
        `The flow ${verb}${where}: ${outcome.error?.message ?? 'no reason given'} (run ${runId})`,
      )
    }
    // Only asked for by a flow call (orPause); here a run stopped for a person is still going on.
    case 'paused':
    case 'timeout':
      return toolError(`The flow is still running after the wait limit; its run id is ${runId}`)
    case 'missing':
      return toolError(`The run was not recorded (run ${runId})`)
  }
}

export function toolError(message: string): ToolAnswer {
  return { content: [{ type: 'text', text: message }], isError: true }
}

function valueAnswer(value: unknown): ToolAnswer {
  const text = typeof value === 'string' ? value : (jsonText(value) ?? 'null')
  const answer: ToolAnswer = { content: [{ type: 'text', text }] }
  // MCP's structured content is an object; a list or a scalar is sent as text only.
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    answer.structuredContent = value as Record<string, unknown>
  return answer
}
