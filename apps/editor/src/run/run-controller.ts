import type { NodeResult, RunEvent } from '@zhiliu/engine'
import { ApiError } from '../api/request.ts'
import {
  type AttentionDecision,
  getRun,
  type ResumeMode,
  type RunDebug,
  type RunDetail,
  rerun,
  resumeRun,
  settleAttention,
  startRun,
} from '../api/runs-api.ts'
import { flushSave } from '../editor/autosave.ts'
import { useEditor } from '../editor/editor-store.ts'
import { type NodeRunStatus, resultStatus, useRun } from './run-store.ts'
import { watchRun } from './watch-run.ts'

let stopWatching: (() => void) | undefined

function follow(runId: string, body: unknown) {
  stopWatching?.()
  const ids = useEditor.getState().nodes.map((n) => n.id)
  useRun.getState().begin(runId, ids, { body })
  stopWatching = watchRun(
    runId,
    applyEvent,
    // The stream could not be kept open: show the run as the server recorded it instead.
    () => void openRun(runId).catch(() => undefined),
  )
}

/** Usage is summed by the server from the stored results, so it is read once the run has ended. */
async function loadUsage(runId: string) {
  const detail = await getRun(runId).catch(() => undefined)
  if (detail) useRun.getState().setUsage(runId, detail.usage)
}

/** What a followed run's events do: move the canvas on, and fetch the usage when the run ends. */
function applyEvent(event: RunEvent) {
  useRun.getState().apply(event)
  if (event.type === 'run.finished') void loadUsage(event.runId)
}

function failed(err: unknown) {
  const error =
    err instanceof ApiError
      ? { code: err.code, message: err.message, details: err.details }
      : { code: 'NETWORK', message: String(err) }
  useRun.getState().fail({ status: 'failed', error, finishedAt: Date.now() })
}

/**
 * Saves the draft, starts a test run of it with `input` as the trigger's body, and follows it live. With `debug` it
 * pauses before the breakpoints (or every node).
 */
export async function runDraft(flowId: string, input: unknown, debug?: RunDebug): Promise<void> {
  useRun.getState().starting()
  try {
    await flushSave()
    const { runId } = await startRun(flowId, input, debug)
    follow(runId, input)
  } catch (err) {
    failed(err)
  }
}

/** "Run from here": the same input again, reusing the results of the nodes before `nodeId`. */
export async function rerunFrom(runId: string, nodeId?: string): Promise<void> {
  const body = useRun.getState().event?.body
  useRun.getState().starting()
  try {
    const started = await rerun(runId, nodeId)
    follow(started.runId, body)
  } catch (err) {
    failed(err)
  }
}

/** Shows a recorded run on the canvas: badges, results and the data the picker and previews use. */
export async function openRun(runId: string): Promise<RunDetail> {
  stopWatching?.()
  const detail = await getRun(runId)
  const finished = showRun(detail)
  // A run still going when opened keeps updating; a paused one waits for someone to go on.
  if (!finished && detail.status !== 'paused') stopWatching = watchRun(detail.id, applyEvent, () => undefined)
  return detail
}

/** Puts a run's recorded state on the canvas; whether it has ended. */
export function showRun(detail: RunDetail): boolean {
  const results: Record<string, NodeResult> = {}
  const nodeStatus: Record<string, NodeRunStatus> = {}
  for (const r of detail.nodes) {
    results[r.nodeId] = r
    nodeStatus[r.nodeId] = resultStatus(r)
  }
  const status = detail.status
  const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled'
  const paused = status === 'paused' && detail.pausedBefore ? detail.pausedBefore : undefined
  if (paused) nodeStatus[paused.nodeId] = 'paused'
  useRun.getState().show({
    runId: detail.id,
    status: detail.status,
    nodeStatus,
    results,
    event: detail.event,
    startedAt: detail.startedAt,
    usage: finished ? detail.usage : undefined,
    paused,
    outcome: finished
      ? {
          status,
          output: detail.output,
          ...(detail.error ? { error: detail.error } : {}),
          finishedAt: detail.finishedAt ?? detail.startedAt,
        }
      : undefined,
  })
  return finished
}

/**
 * A person's decision on a send a crash cut off (a run `needs_attention`); then shows the run again, following it
 * live while it goes on. Rejects with the server's error (409 ATTENTION_NOT_NEEDED: someone decided first).
 */
export async function decideSend(runId: string, decision: AttentionDecision): Promise<void> {
  await settleAttention(runId, decision)
  await openRun(runId)
}

/**
 * Step through: goes on from the paused node (`config`: the node's config as a person edited it), then follows the
 * run live again. Rejects with the server's error (409 RUN_NOT_PAUSED: someone went on or it was cancelled).
 */
export async function resumePaused(
  runId: string,
  mode: ResumeMode,
  config?: Record<string, unknown>,
): Promise<void> {
  const body = useRun.getState().event?.body
  await resumeRun(runId, mode, config)
  follow(runId, body)
}

export function stopFollowing(): void {
  stopWatching?.()
  stopWatching = undefined
}
