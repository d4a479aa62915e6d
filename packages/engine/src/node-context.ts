import {
  type Clock,
  type ExpressionEvaluator,
  type FetchLike,
  type FlowCaller,
  inThreadExpressions,
  type KnowledgeRetriever,
  type McpGateway,
  type MediaStore,
  type ModelGateway,
  type NodeChunk,
  type NodeContext,
  NodeError,
  type NodeLogger,
  type Publisher,
  type SecretReader,
  type ToolSources,
  toolSourcesFrom,
} from '@zhiliu/nodes'
import type { RunServices } from './run-options.ts'

export type ResolvedServices = Required<RunServices>

// The defaults refuse rather than reach out: only the server knows the outbound-address guard, the credential
// store and the model providers, so a run that was not given them must fail loudly, not bypass them.
const refusingFetch: FetchLike = async () => {
  throw new NodeError('NO_FETCH', 'network access is not configured for this run')
}

const noSecrets: SecretReader = {
  async get() {
    throw new NodeError('NO_SECRETS', 'no credential store is configured for this run')
  },
}

const noModels: ModelGateway = {
  async chat() {
    throw new NodeError('NO_MODEL_PROVIDER', 'no model provider is configured for this run')
  },
}

const refusePublish = async (): Promise<never> => {
  throw new NodeError(
    'NO_PUBLISHER',
    'publishing (feeds, pages, files, e-mail) is not configured for this run',
  )
}
const noPublisher: Publisher = {
  addFeedItem: refusePublish,
  putPage: refusePublish,
  writeFile: refusePublish,
  sendMail: refusePublish,
  sendDemo: refusePublish,
}

const refuseMedia = async (): Promise<never> => {
  throw new NodeError('NO_MEDIA_STORE', 'storing images and audio is not configured for this run')
}
const noMedia: MediaStore = { save: refuseMedia, open: refuseMedia }

const noMcp: McpGateway = {
  async tools() {
    throw new NodeError('NO_MCP', 'MCP servers are not configured for this run')
  },
}

const noFlows: FlowCaller = {
  async describe() {
    throw new NodeError('NO_FLOW_CALLS', 'calling other flows is not configured for this run')
  },
  async call() {
    throw new NodeError('NO_FLOW_CALLS', 'calling other flows is not configured for this run')
  },
}

const noKnowledge: KnowledgeRetriever = {
  async search() {
    throw new NodeError('NO_KNOWLEDGE_BASES', 'knowledge bases are only searched on a Zhiliu server')
  },
}

const silent = () => {}
const silentLogger: NodeLogger = { debug: silent, info: silent, warn: silent, error: silent }

export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason)
        return
      }
      const onAbort = () => {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  },
}

/** Fills every service the caller left out with its safe default, once per run. */
export function resolveServices(services: RunServices = {}): ResolvedServices {
  const knowledge = services.knowledge ?? noKnowledge
  const mcp = services.mcp ?? noMcp
  return {
    fetch: services.fetch ?? refusingFetch,
    secrets: services.secrets ?? noSecrets,
    models: services.models ?? noModels,
    clock: services.clock ?? realClock,
    logger: services.logger ?? silentLogger,
    publish: services.publish ?? noPublisher,
    media: services.media ?? noMedia,
    flows: services.flows ?? noFlows,
    // An agent's knowledge-base and MCP tools come from the run's own knowledge and MCP services, so they reach
    // only what those let the run's owner reach.
    tools: services.tools ?? toolSourcesFrom({ knowledge, mcp }),
    knowledge,
    expressions: services.expressions ?? inThreadExpressions,
    random: services.random ?? Math.random,
    mcp,
  }
}

export interface NodeContextParts {
  runId: string
  nodeId: string
  nodeKey: string
  attempt: number
  services: ResolvedServices
}

/** The attempt behind a context: its signal is made on demand, its chunks go to the run's subscribers. */
export interface AttemptHandle {
  signal(): AbortSignal
  chunk(chunk: NodeChunk): void
  linkRun(runId: string): void
}

/**
 * One per node execution, so it is a class: an object literal with a getter is an order of magnitude slower to
 * create in V8. The catch: `signal` lives on the prototype, so `{ ...ctx }` drops it — wrap a context with
 * `Object.create(ctx)` (or pass fields explicitly) instead of spreading it.
 */
class RunNodeContext implements NodeContext {
  readonly runId: string
  readonly nodeId: string
  readonly nodeKey: string
  readonly attempt: number
  readonly idempotencyKey: string
  readonly fetch: FetchLike
  readonly secrets: SecretReader
  readonly models: ModelGateway
  readonly clock: Clock
  readonly logger: NodeLogger
  readonly publish: Publisher
  readonly media: MediaStore
  readonly knowledge: KnowledgeRetriever
  readonly expressions: ExpressionEvaluator
  readonly mcp: McpGateway
  readonly flows: FlowCaller
  readonly tools: ToolSources
  readonly emit: (chunk: NodeChunk) => void
  readonly linkRun: (runId: string) => void
  readonly #attempt: AttemptHandle

  constructor(parts: NodeContextParts, attempt: AttemptHandle) {
    const { services } = parts
    this.runId = parts.runId
    this.nodeId = parts.nodeId
    this.nodeKey = parts.nodeKey
    this.attempt = parts.attempt
    // The run id and the node key are both stable across retries and resumes, so a side effect keyed by this is
    // performed once even when the attempt that performed it crashed before its result was recorded.
    this.idempotencyKey = `${parts.runId}:${parts.nodeKey}`
    this.fetch = services.fetch
    this.secrets = services.secrets
    this.models = services.models
    this.clock = services.clock
    this.logger = services.logger
    this.publish = services.publish
    this.media = services.media
    this.knowledge = services.knowledge
    this.expressions = services.expressions
    this.mcp = services.mcp
    this.flows = services.flows
    this.tools = services.tools
    this.#attempt = attempt
    // An own function, not a method, so that `const { emit } = ctx` keeps working.
    this.emit = (chunk) => attempt.chunk(chunk)
    this.linkRun = (runId) => attempt.linkRun(runId)
  }

  /** Made on first use: most nodes never read it, and an AbortController costs more than all the rest. */
  get signal(): AbortSignal {
    return this.#attempt.signal()
  }
}

export function createNodeContext(parts: NodeContextParts, attempt: AttemptHandle): NodeContext {
  return new RunNodeContext(parts, attempt)
}
