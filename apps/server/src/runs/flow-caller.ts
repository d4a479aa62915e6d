import { createHash } from 'node:crypto'
import type { Store } from '@zhiliu/db'
import { type Flow, type FlowCaller, flowInputFields, inputJsonSchema, NodeError } from '@zhiliu/nodes'
import type { DocumentSource } from './run-documents.ts'
import type { RunIdentity } from './run-identity.ts'
import type { RunService } from './run-service.ts'
import { SYSTEM_ACCESS } from './system-access.ts'

/** How deep flows may call flows: a cycle made by editing after publishing stops here at run time. */
export const MAX_CALL_DEPTH = 5

export interface FlowCallerParts {
  store: Store
  documents: DocumentSource
  runs: () => Pick<RunService, 'runInline'>
}

/**
 * `ctx.flows` for one run: the flows its owner may run (their own), the published version or — for a draft run in
 * the editor — the draft, each call a child run (trigger `flow`, parentRunId this run) executed inline.
 */
export function createFlowCaller(parts: FlowCallerParts, run: RunIdentity): FlowCaller {
  const access = { userId: run.ownerId, all: false }

  const load = async (flowId: string): Promise<{ document: Flow; version: number | null }> => {
    const flow = flowId ? await parts.store.getFlow(access, flowId) : undefined
    if (!flow) {
      throw new NodeError(
        'FLOW_CALL_NOT_FOUND',
        `there is no flow "${flowId}" that this flow's owner may run`,
      )
    }
    if (run.draft) return { document: flow.document, version: null }
    const document =
      flow.publishedVersion === null
        ? undefined
        : await parts.documents.version(flow.id, flow.publishedVersion)
    if (!document) {
      throw new NodeError(
        'FLOW_CALL_NOT_PUBLISHED',
        `the flow "${flow.name}" is not published; publish it first (a test run in the editor calls its draft)`,
      )
    }
    return { document, version: flow.publishedVersion }
  }

  /** How many calls deep this run is: its ancestors started by flow calls. */
  const depth = async (): Promise<number> => {
    let levels = 0
    let id: string | null = run.runId
    while (id && levels <= MAX_CALL_DEPTH) {
      const row = await parts.store.getRun(SYSTEM_ACCESS, id)
      if (row?.trigger !== 'flow') break
      levels++
      id = row.parentRunId
    }
    return levels
  }

  return {
    async describe(flowId) {
      const { document } = await load(flowId)
      return {
        id: flowId,
        name: document.name,
        description: document.description ?? '',
        inputSchema: inputJsonSchema(flowInputFields(document.nodes)),
      }
    },

    async call(flowId, input, { signal, key, onStarted }) {
      if ((await depth()) >= MAX_CALL_DEPTH) {
        throw new NodeError(
          'FLOW_CALL_DEPTH',
          `flows called flows ${MAX_CALL_DEPTH} levels deep; check that they do not call each other in a loop`,
        )
      }
      const { document, version } = await load(flowId)
      const body = input ?? {}
      const claim = { key, requestHash: createHash('sha256').update(JSON.stringify(body)).digest('hex') }
      const { runId, wait } = await parts.runs().runInline(
        {
          ownerId: run.ownerId,
          flowId,
          flowVersion: version,
          document,
          trigger: 'flow',
          event: { body },
          parentRunId: run.runId,
          // A resumed parent finds the child it started rather than starting a second one.
          idempotency: claim,
        },
        signal,
        { shutdown: run.shutdown, ...(onStarted ? { onStarted } : {}) },
      )
      if (wait.state === 'paused') {
        const { name } = document
        return {
          runId,
          wait: { calledRunId: runId, flowId, flowName: name, childStatus: wait.status, claim },
        }
      }
      if (wait.state !== 'finished') {
        throw new NodeError(
          'FLOW_CALL_FAILED',
          `the called flow "${document.name}" (run ${runId}) did not finish`,
          { details: { runId } },
        )
      }
      const { outcome } = wait
      if (outcome.status !== 'succeeded') {
        const why = outcome.error ? `${outcome.error.code}: ${outcome.error.message}` : outcome.status
        throw new NodeError(
          'FLOW_CALL_FAILED',
          `the called flow "${document.name}" (run ${runId}) ended ${outcome.status}: ${why}`,
          {
            details: { runId, status: outcome.status, error: outcome.error },
          },
        )
      }
      // A flow with a Respond node answers with its body, as it would a webhook caller.
      const responds = document.nodes.some((n) => n.type === 'flow.respond')
      const output = responds ? (outcome.output as { body?: unknown } | undefined)?.body : outcome.output
      return { runId, output }
    },
  }
}
