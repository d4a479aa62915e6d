import { createRoute, z } from '@hono/zod-openapi'
import { StoreError } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { flowInvalidResponse, refuseInvalidFlow } from '../flows/refuse-invalid-flow.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { jsonText, NOT_SERIALIZABLE_DATA } from '../http/json-text.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import { checkTriggerInput, findTrigger } from './check-trigger-input.ts'
import { pauseRulesOf } from './pause-rules-of.ts'
import { RunSummaryView, RunView, toRunSummaryView, toRunView } from './run-view.ts'
import { streamRunEvents } from './stream-run-events.ts'

const Started = z.object({ runId: z.string() }).openapi('StartedRun')

const RunDebug = z
  .object({
    pauseBefore: z.array(z.string().min(1).max(200)).max(500).optional().openapi({
      description: 'Breakpoints: node ids the run pauses before (each iteration, inside a loop body)',
    }),
    step: z.boolean().optional().openapi({ description: 'Step mode: pause before every node' }),
  })
  .openapi('RunDebug', {
    description:
      'Step through (单步运行): the run stops `paused` before such a node, with its rendered config and inputs in ' +
      '`pausedBefore`, until `POST /api/runs/{id}/resume`. Only runs started here pause; webhook and scheduled runs never do.',
  })

const ResumeBody = z
  .object({
    mode: z.enum(['step', 'continue', 'end']).openapi({
      description:
        '`step`: run the paused node and pause before the next one; `continue`: run to the next breakpoint; ' +
        '`end`: run to the end without pausing again',
    }),
    config: z.record(z.string(), z.unknown()).optional().openapi({
      description:
        "Replaces the paused node's rendered config for this run (edited while paused); its result records `edited: true`",
    }),
  })
  .openapi('ResumeRun')

const resumeRun = createRoute({
  method: 'post',
  path: '/runs/{id}/resume',
  tags: ['runs'],
  summary: 'Continue a paused run: step, continue to the next breakpoint, or run to the end',
  description:
    'A paused run holds no worker; it is cancelled (PAUSE_EXPIRED) when nobody continues it within the idle time ' +
    '(`ZHILIU_PAUSE_IDLE_MS`, 2 h). Of concurrent resumes one wins; the others, and a run not paused, get 409 RUN_NOT_PAUSED.',
  middleware: [requireRole('student')] as const,
  request: { params: IdParam, body: jsonBody(ResumeBody) },
  responses: {
    200: json(z.object({ runId: z.string(), status: RunSummaryView.shape.status }), 'Its status afterwards'),
    ...errors(400, 401, 403, 404, 409),
  },
})

const startRun = createRoute({
  method: 'post',
  path: '/flows/{id}/runs',
  tags: ['runs'],
  summary: "Run the flow's draft now with the given input (the trigger's body)",
  middleware: [requireRole('student')] as const,
  request: {
    params: IdParam,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({ input: z.unknown().optional(), debug: RunDebug.optional() }),
        },
      },
    },
  },
  responses: {
    201: json(Started, 'Queued; follow it at /api/runs/{runId}/events'),
    ...errors(400, 401, 403, 404),
    422: flowInvalidResponse,
  },
})

const listRuns = createRoute({
  method: 'get',
  path: '/runs',
  tags: ['runs'],
  summary: 'Runs, newest first; pass `nextCursor` back as `cursor` for the next page',
  request: {
    query: z.object({
      flowId: z.string().max(200).optional(),
      status: RunSummaryView.shape.status.optional(),
      parentRunId: z
        .string()
        .max(200)
        .optional()
        .openapi({ description: 'Only the runs this run started: its re-runs and the flows it called' }),
      limit: z.coerce.number().int().min(1).max(200).optional(),
      cursor: z.string().max(500).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        items: z.array(RunSummaryView),
        nextCursor: z.string().nullable(),
        notKept: z.number().int().openapi({
          description:
            "Ended runs (of the flow with `flowId`, else of every flow you can see) that their flow's run history setting did not keep; not in `items`",
        }),
      }),
      'A page of runs',
    ),
    ...errors(400, 401),
  },
})

const getRun = createRoute({
  method: 'get',
  path: '/runs/{id}',
  tags: ['runs'],
  summary: 'A run with its input, output, error and every node result',
  request: { params: IdParam },
  responses: { 200: json(RunView, 'The run'), ...errors(401, 404) },
})

const cancelRun = createRoute({
  method: 'post',
  path: '/runs/{id}/cancel',
  tags: ['runs'],
  summary: 'Cancel a queued or running run',
  middleware: [requireRole('student')] as const,
  request: { params: IdParam },
  responses: {
    200: json(z.object({ runId: z.string(), status: RunSummaryView.shape.status }), 'Its status afterwards'),
    ...errors(401, 403, 404, 409),
  },
})

const AttentionBody = z
  .object({
    action: z.enum(['resend', 'markSent', 'fail']).openapi({
      description:
        '`resend`: send again (a second copy if the first did arrive); `markSent`: it did arrive, go on with ' +
        '`output`; `fail`: end the run failed at this node',
    }),
    key: z.string().min(1).max(400).optional().openapi({
      description: 'The held node (`nodeId` or `loop[2].nodeId`); may be left out while only one is held',
    }),
    output: z
      .unknown()
      .optional()
      .openapi({ description: 'markSent: the output later nodes read; `{}` if absent' }),
  })
  .openapi('AttentionDecision')

const settleAttention = createRoute({
  method: 'post',
  path: '/runs/{id}/attention',
  tags: ['runs'],
  summary: 'Decide a send that may or may not have happened, for a run that needs attention',
  description:
    'A node whose receiver cannot recognise a repeat (chat bots, e-mail) was cut off mid-send (its worker died): ' +
    'the run stopped `needs_attention` instead of sending it again. Resend or mark sent resumes the run from ' +
    'there; fail ends it. Of concurrent decisions one wins; the others get 409 ATTENTION_NOT_NEEDED.',
  middleware: [requireRole('editor')] as const,
  request: { params: IdParam, body: jsonBody(AttentionBody) },
  responses: {
    200: json(z.object({ runId: z.string(), status: RunSummaryView.shape.status }), 'Its status afterwards'),
    ...errors(400, 401, 403, 404, 409),
  },
})

const rerunRun = createRoute({
  method: 'post',
  path: '/runs/{id}/rerun',
  tags: ['runs'],
  summary: 'Run the same document with the same input again; from a node: reuse the results before it',
  middleware: [requireRole('student')] as const,
  request: {
    params: IdParam,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({
            fromNodeId: z.string().max(64).optional().openapi({
              description: 'This node and everything downstream run again; earlier results are copied',
            }),
          }),
        },
      },
    },
  },
  responses: {
    201: json(Started, 'The new run (its parentRunId is this one)'),
    ...errors(400, 401, 403, 404, 409),
  },
})

const runEvents = createRoute({
  method: 'get',
  path: '/runs/{id}/events',
  tags: ['runs'],
  summary: 'Server-Sent Events: what already happened, then live node events and chunks, until run.finished',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'text/event-stream; each event is named by its `type`',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errors(401, 404),
  },
})

export function createRunRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(startRun, async (c) => {
      const access = c.get('access')
      const flow = await deps.store.getFlow(access, c.req.valid('param').id)
      if (!flow) throw ApiError.notFound('Flow', c.req.valid('param').id)
      const body = c.req.valid('json')
      const input = body?.input ?? {}
      // Refused before it starts, as publishing is: not failed later, after someone approved a step.
      refuseInvalidFlow(deps, flow.document, 'run')
      checkTriggerInput(findTrigger(flow.document, deps.registry), input)
      const pause = pauseRulesOf(flow.document, body?.debug)
      const { runId } = await deps.runs.start({
        ownerId: flow.ownerId,
        flowId: flow.id,
        flowVersion: null,
        document: flow.document,
        trigger: 'manual',
        event: { body: input, method: 'MANUAL', firedAt: new Date(deps.now()).toISOString() },
        ...(pause ? { pause } : {}),
      })
      return c.json({ runId }, 201)
    })
    .openapi(listRuns, async (c) => {
      const query = c.req.valid('query')
      try {
        const access = c.get('access')
        const [page, notKept] = await Promise.all([
          deps.store.listRuns(access, query),
          deps.store.countRunsNotKept(access, query.flowId),
        ])
        const items = page.items.map(toRunSummaryView)
        return c.json({ items, nextCursor: page.nextCursor, notKept }, 200)
      } catch (error) {
        if (error instanceof StoreError) throw ApiError.badRequest(error.code, error.message)
        throw error
      }
    })
    .openapi(getRun, async (c) => {
      const { id } = c.req.valid('param')
      const access = c.get('access')
      const run = await deps.store.getRun(access, id)
      const results = run && (await deps.store.listNodeResults(access, id))
      if (!run || !results) throw ApiError.notFound('Run', id)
      return c.json(toRunView(run, await deps.runs.readResults(run, results)), 200)
    })
    .openapi(cancelRun, async (c) => {
      const { id } = c.req.valid('param')
      const result = await deps.runs.cancel(c.get('access'), id)
      if (!result) throw ApiError.notFound('Run', id)
      return c.json(result, 200)
    })
    .openapi(settleAttention, async (c) => {
      const { id } = c.req.valid('param')
      const result = await deps.runs.settleAttention(c.get('access'), id, c.req.valid('json'))
      if (!result) throw ApiError.notFound('Run', id)
      return c.json(result, 200)
    })
    .openapi(resumeRun, async (c) => {
      const { id } = c.req.valid('param')
      const result = await deps.runs.resumePaused(c.get('access'), id, c.req.valid('json'))
      if (!result) throw ApiError.notFound('Run', id)
      return c.json(result, 200)
    })
    .openapi(rerunRun, async (c) => {
      const { id } = c.req.valid('param')
      const started = await deps.runs.rerun(c.get('access'), id, c.req.valid('json') ?? {})
      if (!started) throw ApiError.notFound('Run', id)
      return c.json({ runId: started.runId }, 201)
    })
    .openapi(runEvents, async (c) => {
      const { id } = c.req.valid('param')
      if (!(await deps.store.getRun(c.get('access'), id))) throw ApiError.notFound('Run', id)
      let seq = 0
      return streamRunEvents(c, {
        runs: deps.runs,
        runId: id,
        toMessage: (event) => ({
          event: event.type,
          id: String(++seq),
          data: jsonText(event) ?? NOT_SERIALIZABLE_DATA,
        }),
      }) as never
    })
}
