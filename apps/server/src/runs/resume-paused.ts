import type { Access, Store } from '@zhiliu/db'
import type { PauseRules, RunStatus } from '@zhiliu/engine'
import type { NodeRegistry } from '@zhiliu/nodes'
import { ApiError } from '../http/api-error.ts'
import type { DocumentSource } from './run-documents.ts'

/**
 * How a paused run goes on: `step` runs the paused node and pauses before the next one, `continue` runs to the next
 * breakpoint, `end` runs to the end without pausing again.
 */
export type ResumeMode = 'step' | 'continue' | 'end'

export interface ResumeInput {
  mode: ResumeMode
  /** Replaces the paused node's rendered config for this run (a person edited it); recorded as edited. */
  config?: Record<string, unknown>
}

export interface ResumeParts {
  store: Store
  registry: NodeRegistry
  documents: DocumentSource
  /** Enqueues the run, which the store moved to `queued`: it continues from the paused node. */
  requeue(runId: string): Promise<void>
  /** Forgets this process's entry of the execution that ended paused: a subscriber must not be replayed its end. */
  forget(runId: string): void
}

/**
 * Continues a paused run (step through). Undefined when `access` cannot see it; 409 RUN_NOT_PAUSED when it is not
 * paused (continued by someone else, cancelled, or it ended); 400 CONFIG_INVALID when an edited config does not fit
 * the node.
 */
export function createResumePaused(parts: ResumeParts) {
  const { store } = parts
  return async (
    access: Access,
    runId: string,
    input: ResumeInput,
  ): Promise<{ runId: string; status: RunStatus } | undefined> => {
    const row = await store.getRun(access, runId)
    if (!row) return undefined
    const point = row.pausedBefore
    const notPaused = () =>
      new ApiError(409, 'RUN_NOT_PAUSED', `run "${runId}" is not paused`, { status: row.status })
    if (row.status !== 'paused' || !point) throw notPaused()
    const release: NonNullable<PauseRules['release']> = { key: point.key }
    if (input.config !== undefined)
      release.config = await checkedConfig(parts, row, point.nodeId, input.config)
    const before = row.pauseRules?.before ?? []
    const rules: PauseRules =
      input.mode === 'step'
        ? { step: true, before, release }
        : input.mode === 'continue'
          ? { before, release }
          : { release }
    if (!(await store.resumePausedRun(runId, rules))) throw notPaused()
    parts.forget(runId)
    await parts.requeue(runId)
    return { runId, status: 'queued' }
  }
}

async function checkedConfig(
  parts: ResumeParts,
  row: Parameters<DocumentSource['forRun']>[0],
  nodeId: string,
  config: Record<string, unknown>,
): Promise<unknown> {
  const document = await parts.documents.forRun(row)
  const node = document?.nodes.find((n) => n.id === nodeId)
  const def = node && parts.registry.get(node.type, node.version)
  if (!def) throw new ApiError(409, 'DOCUMENT_MISSING', 'the flow version this run used no longer exists')
  const parsed = def.config.safeParse(config)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((i: { path: PropertyKey[]; message: string }) => ({
    path: ['config', ...i.path.map(String)].join('.'),
    message: i.message,
  }))
  throw ApiError.badRequest('CONFIG_INVALID', `the edited config does not fit node "${nodeId}"`, { issues })
}
