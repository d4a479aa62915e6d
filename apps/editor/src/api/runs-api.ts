import type { NodeResult, PausePoint, RunStatus } from '@zhiliu/engine'
import type { ErrorInfo, TriggerEvent } from '@zhiliu/nodes'
import { request } from './request.ts'

/** A run in lists (`GET /api/runs`), as the server's RunSummary view shows it. */
export interface RunSummary {
  id: string
  flowId: string | null
  flowVersion: number | null
  trigger: 'manual' | 'webhook' | 'schedule' | 'rerun' | 'flow'
  status: RunStatus
  error: (ErrorInfo & { nodeId?: string }) | null
  parentRunId: string | null
  startedAt: number
  finishedAt: number | null
  durationMs: number | null
  /** The start of the run's input (its body), at most 120 characters. */
  inputPreview: string | null
}

/** A run's model calls, summed by the server from its node results (`RunUsage` in the API). */
export interface RunUsage {
  promptTokens: number
  /** Includes the reasoning tokens. */
  completionTokens: number
  reasoningTokens: number
  cost: { cny: number; usd: number }
  /** Models with no price: their calls are not in `cost`. */
  unpricedModels: string[]
}

/** One run with everything the canvas shows (`GET /api/runs/:id`). */
export interface RunDetail extends Omit<RunSummary, 'inputPreview'> {
  event: TriggerEvent
  input: unknown
  output: unknown
  nodes: (NodeResult & { durationMs: number })[]
  usage: RunUsage
  /** While `paused` (step through): the node the run waits before, with its rendered config and inputs. */
  pausedBefore: PausePoint | null
}

/** Step through: pause before these nodes, or before every node. */
export interface RunDebug {
  pauseBefore?: string[]
  step?: boolean
}

/** `step`: run the paused node and pause before the next; `continue`: to the next breakpoint; `end`: no more pauses. */
export type ResumeMode = 'step' | 'continue' | 'end'

export const resumeRun = (runId: string, mode: ResumeMode, config?: Record<string, unknown>) =>
  request<{ runId: string; status: RunStatus }>('POST', `/api/runs/${encodeURIComponent(runId)}/resume`, {
    mode,
    ...(config ? { config } : {}),
  })

export interface RunQuery {
  flowId?: string
  status?: string
  cursor?: string
  limit?: number
}

export function listRuns(query: RunQuery = {}) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value))
  const qs = params.toString()
  return request<{ items: RunSummary[]; nextCursor: string | null; notKept: number }>(
    'GET',
    `/api/runs${qs ? `?${qs}` : ''}`,
  )
}

export const getRun = (id: string) => request<RunDetail>('GET', `/api/runs/${encodeURIComponent(id)}`)
export const startRun = (flowId: string, input: unknown, debug?: RunDebug) =>
  request<{ runId: string }>('POST', `/api/flows/${encodeURIComponent(flowId)}/runs`, {
    input,
    ...(debug ? { debug } : {}),
  })
export const rerun = (runId: string, fromNodeId?: string) =>
  request<{ runId: string }>(
    'POST',
    `/api/runs/${encodeURIComponent(runId)}/rerun`,
    fromNodeId ? { fromNodeId } : {},
  )
export interface AttentionDecision {
  action: 'resend' | 'markSent' | 'fail'
  key: string
  output?: unknown
}

export const settleAttention = (runId: string, decision: AttentionDecision) =>
  request<{ runId: string; status: RunStatus }>(
    'POST',
    `/api/runs/${encodeURIComponent(runId)}/attention`,
    decision,
  )

export const cancelRun = (runId: string) =>
  request<{ runId: string; status: RunStatus }>('POST', `/api/runs/${encodeURIComponent(runId)}/cancel`)

/** The run with the flow it ran, as one file (`GET /api/runs/:id/export`). */
export const exportRun = (id: string) => request<unknown>('GET', `/api/runs/${encodeURIComponent(id)}/export`)
/** Creates the flow of a run file; the run comes back to be replayed, not stored. */
export const importRunFile = (data: unknown) =>
  request<{ flowId: string; run: RunDetail }>('POST', '/api/runs/import', data)
