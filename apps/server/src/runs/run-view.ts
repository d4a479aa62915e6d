import { z } from '@hono/zod-openapi'
import { nodeStatuses, type Run, type RunSummary, runStatuses } from '@zhiliu/db'
import type { NodeResult } from '@zhiliu/engine'
import { RunUsageView, sumRunUsage } from './run-usage.ts'

export const RunStatus = z.enum(runStatuses).openapi({
  description:
    '`waiting`: an approval waits for a decision; `needs_attention`: a send may or may not have happened (its ' +
    'worker stopped mid-send) and a person decides through `POST /api/runs/{id}/attention`; `paused`: step ' +
    'through stopped before `pausedBefore.nodeId` until `POST /api/runs/{id}/resume`',
})
const RunTrigger = z.enum(['manual', 'webhook', 'schedule', 'rerun', 'flow'])

export const ErrorView = z
  .object({
    code: z.string().openapi({ example: 'HTTP_500' }),
    message: z.string(),
    retryable: z.boolean().optional(),
    details: z.unknown().optional(),
    nodeId: z.string().optional().openapi({ description: 'The node whose failure ended the run' }),
  })
  .openapi('RunError')

export const NodeResultView = z
  .object({
    key: z.string().openapi({ description: '`nodeId`, or `loop[2].nodeId` for an iteration of a loop body' }),
    nodeId: z.string(),
    status: z.enum(nodeStatuses).openapi({
      description:
        '`waiting`: an approval waits for a decision; its output is the request. `sending`: the node began to ' +
        'act and its result was never recorded (its input is what it was sending)',
    }),
    ports: z.array(z.string()),
    input: z
      .unknown()
      .optional()
      .openapi({ description: 'Rendered config and port inputs; secrets redacted' }),
    output: z.unknown().optional(),
    error: ErrorView.optional(),
    attempts: z.number().int(),
    startedAt: z.number().int(),
    finishedAt: z.number().int(),
    durationMs: z.number().int(),
  })
  .openapi('NodeResult')

const PausedBeforeView = z
  .object({
    key: z.string().openapi({ description: '`nodeId`, or `loop[2].nodeId` inside a loop body' }),
    nodeId: z.string(),
    input: z.object({
      config: z
        .unknown()
        .openapi({ description: 'The rendered config (templates filled in); secrets redacted' }),
      inputs: z.record(z.string(), z.unknown()).openapi({ description: 'What arrives on each input port' }),
    }),
    until: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'When the run is cancelled (PAUSE_EXPIRED) if nobody continues it (ms)' }),
  })
  .openapi('PausedBefore')

export const RunSummaryView = z
  .object({
    id: z.string(),
    flowId: z.string().nullable().openapi({ description: 'Null once the flow was deleted' }),
    flowVersion: z.number().int().nullable().openapi({ description: 'Null for a run of the draft' }),
    ownerId: z.string().nullable(),
    trigger: RunTrigger,
    status: RunStatus,
    error: ErrorView.nullable(),
    parentRunId: z.string().nullable().openapi({
      description:
        'The run this one re-runs, or (trigger `flow`) the run whose flow.call or agent started it',
    }),
    startedAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    inputPreview: z.string().nullable().openapi({
      description:
        "The start of the run's input (its body: text as it is, anything else as JSON), at most 120 characters; null without one",
    }),
  })
  .openapi('RunSummary')

// The whole input is in `input`: no preview of it.
export const RunView = RunSummaryView.omit({ inputPreview: true })
  .extend({
    event: z
      .unknown()
      .openapi({ description: 'What started the run: `{ body, headers, query, method, firedAt }`' }),
    input: z.unknown().openapi({ description: 'The body of the event: the run input' }),
    output: z.unknown().nullable(),
    nodes: z.array(NodeResultView).openapi({
      description:
        'Per-node results in the order the nodes finished, then started; steps tied on both are listed upstream first',
    }),
    usage: RunUsageView.openapi({
      description: "Tokens and cost of the run's model calls, from its node results",
    }),
    pausedBefore: PausedBeforeView.nullable().openapi({
      description: 'While `paused`: the node the run waits before, with what it would run with; else null',
    }),
  })
  .openapi('Run')

export type RunSummaryView = z.infer<typeof RunSummaryView>
export type RunView = z.infer<typeof RunView>

export function toRunSummaryView(run: RunSummary): RunSummaryView {
  return {
    id: run.id,
    flowId: run.flowId,
    flowVersion: run.flowVersion,
    ownerId: run.ownerId,
    trigger: run.trigger,
    status: run.status,
    error: run.error,
    parentRunId: run.parentRunId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.finishedAt === null ? null : run.finishedAt - run.startedAt,
    inputPreview: run.inputPreview,
  }
}

export function toRunView(run: Run, results: readonly NodeResult[]): RunView {
  const { inputPreview: _preview, ...summary } = toRunSummaryView({ ...run, inputPreview: null })
  return {
    ...summary,
    event: run.event,
    input: run.event.body,
    output: run.output,
    nodes: results.map((r) => ({ ...r, durationMs: r.finishedAt - r.startedAt })),
    usage: sumRunUsage(results),
    pausedBefore: run.status === 'paused' ? run.pausedBefore : null,
  }
}
