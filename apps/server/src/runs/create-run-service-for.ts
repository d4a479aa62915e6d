import { randomUUID } from 'node:crypto'
import type { Access } from '@zhiliu/db'
import { createInProcessEventBus, createInProcessQueue, type RunQueue } from '@zhiliu/engine'
import type { ExpressionEvaluator, FetchLike, ToolSources } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { type CredentialReader, createSecretReader } from '../credentials/create-secret-reader.ts'
import { runKnowledge } from '../knowledge/run-knowledge.ts'
import { withRecordedAnswers } from '../lessons/with-recorded-answers.ts'
import { createMcpClients } from '../mcp/mcp-client-service.ts'
import { createMediaStore } from '../media/create-media-store.ts'
import { createPublisher } from '../publishing/create-publisher.ts'
import { configuredBase } from '../publishing/publish-urls.ts'
import { createFlowCaller } from './flow-caller.ts'
import { madeOnFirstUse } from './made-on-first-use.ts'
import { createNodeLogger } from './node-logger.ts'
import { createDocumentSource } from './run-documents.ts'
import { createRunService, type RunService } from './run-service.ts'
import { sumRunUsage } from './run-usage.ts'

const MODEL_GATEWAY_METHODS = { chat: true, image: true, speech: true, transcribe: true } as const
const PUBLISHER_METHODS = {
  addFeedItem: true,
  putPage: true,
  writeFile: true,
  sendMail: true,
  sendDemo: true,
} as const

export interface RunServiceWiring {
  /** The SSRF-guarded fetch nodes get as `ctx.fetch`. Left out, nodes that reach the network fail. */
  fetch?: FetchLike
  /** Replaces the credential reader; by default the run's owner's stored credentials, and no one else's. */
  secretsFor?: (access: Access) => CredentialReader
  /** JSONata and slow templates: the worker pool in the server process; left out, on the event loop. */
  expressions?: ExpressionEvaluator
  /** Knowledge-base and MCP tools for ai.agent, as the run's owner may use them; left out, none. */
  toolSources?: (access: Access) => ToolSources
  /** The queue; by default one in this process. Queue mode (REDIS_URL) passes BullMQ's. */
  queue?: RunQueue
}

/**
 * The run service as the server process and the tests use it. In queue mode (REDIS_URL) its runs are claimed with
 * a lease and fenced writes.
 */
export function createRunServiceFor(
  deps: Omit<AppDeps, 'runs' | 'callbacks'>,
  wiring: RunServiceWiring = {},
): RunService {
  // One for every run: media belongs to no one once stored, its address being public like a page's.
  const media = createMediaStore({ files: deps.files, base: configuredBase(deps.config) })
  const mcp = createMcpClients({ fetch: wiring.fetch, redactor: deps.redactor, now: deps.now })
  const { queue: queueConfig, role } = deps.config
  const queue = wiring.queue ?? createInProcessQueue({ concurrency: deps.config.runConcurrency })
  deps.metrics.watchQueue(queue)
  // New per process (role and pid say which one holds a run): a restarted worker is a new owner.
  const ownership = queueConfig && {
    workerId: `${role}-${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs: queueConfig.leaseMs,
  }
  // The service calls itself for flow.call: bound once it exists, before any run can start.
  let service: RunService | undefined
  const flowCallerParts = {
    store: deps.store,
    documents: createDocumentSource(deps.store),
    runs: () => service as RunService,
  }
  service = createRunService({
    ownership,
    store: deps.store,
    queue,
    bus: deps.cluster?.bus ?? createInProcessEventBus(),
    signals: deps.cluster?.signals,
    observer: deps.metrics.runs,
    registry: deps.registry,
    expressions: wiring.expressions,
    redactor: deps.redactor,
    limits: deps.config.outputLimits,
    pauseIdleMs: deps.config.pauseIdleMs,
    logger: deps.logger,
    now: deps.now,
    refusal: () => (deps.storage.full ? deps.storage.refusal() : undefined),
    servicesFor(run) {
      const logger = createNodeLogger(() => deps.logger.child({ runId: run.runId }), deps.redactor)
      const access = { userId: run.ownerId, all: false }
      // Each service is made when a node first calls it (see madeOnFirstUse): most runs call none.
      const secrets = madeOnFirstUse(() => wiring.secretsFor?.(access) ?? createSecretReader(deps, access), {
        get: true,
        open: true,
      })
      // One gateway per run: its usage is the run's, its budget the flow's, its providers the owner's credentials.
      const models = madeOnFirstUse(() => {
        const usedBefore = async () => {
          const { promptTokens, completionTokens } = sumRunUsage(await deps.store.loadNodeResults(run.runId))
          return promptTokens + completionTokens
        }
        const metered = deps.models.gatewayFor({
          credentials: secrets,
          tokenBudget: run.settings.tokenBudget,
          ...(run.resume ? { usedBefore } : {}),
        })
        return run.flowId ? withRecordedAnswers(metered, deps, run.flowId, run.trigger) : metered
      }, MODEL_GATEWAY_METHODS)
      const toolSources = wiring.toolSources
      return {
        fetch: wiring.fetch,
        secrets,
        models,
        logger,
        publish: madeOnFirstUse(() => createPublisher(deps, run), PUBLISHER_METHODS),
        media,
        expressions: wiring.expressions,
        mcp: madeOnFirstUse(() => mcp.gatewayFor(secrets), { tools: true }),
        flows: madeOnFirstUse(() => createFlowCaller(flowCallerParts, run), { describe: true, call: true }),
        ...(toolSources ? { tools: madeOnFirstUse(() => toolSources(access), { resolve: true }) } : {}),
        knowledge: madeOnFirstUse(() => runKnowledge(deps.knowledge, access), { search: true }),
      }
    },
  })
  return service
}
