import type {
  AnyNodeDefinition,
  Clock,
  ErrorInfo,
  ExpressionEvaluator,
  FetchLike,
  Flow,
  FlowCaller,
  KnowledgeRetriever,
  McpGateway,
  MediaStore,
  ModelGateway,
  NodeLogger,
  Publisher,
  SecretReader,
  ToolSources,
  TriggerEvent,
} from '@zhiliu/nodes'
import type { OutputLimits } from './measure-output.ts'
import type { PauseRules } from './pause-rules.ts'
import type { RunEventListener } from './run-events.ts'
import type { NodeResult, RunOutcome, RunStore } from './run-store.ts'

/** The outside world as the engine hands it to nodes. Every field has a safe default except where noted. */
export interface RunServices {
  fetch?: FetchLike
  secrets?: SecretReader
  models?: ModelGateway
  clock?: Clock
  logger?: NodeLogger
  /** Hosted feeds, pages, files and e-mail for the publish nodes; only the server has them. */
  publish?: Publisher
  /** Where generated images and audio are kept: the server's media folder, or the CLI's output folder. */
  media?: MediaStore
  /** Other flows as child runs (flow.call, agent tools); only the server has them. */
  flows?: FlowCaller
  /** Knowledge-base and MCP tools for the agent node; only the server has them. */
  tools?: ToolSources
  /** Knowledge-base search for kb.retrieve: the server's, or the CLI's search of a template's sample documents. */
  knowledge?: KnowledgeRetriever
  /** JSONata and over-budget templates; by default on this thread, the server's goes to worker threads. */
  expressions?: ExpressionEvaluator
  /** The run owner's MCP servers' tools (mcp.call); only the server has them. */
  mcp?: McpGateway
  /** Random source for back-off jitter; tests pin it. */
  random?: () => number
}

export interface RunFlowOptions {
  /** A flow already parsed by the `Flow` schema (defaults applied) and, normally, validated. */
  flow: Flow
  /** What started the run; becomes the trigger node's input. */
  event: TriggerEvent
  runId?: string
  flowId?: string
  flowVersion?: number
  /** The definitions to run with; defaults to every built-in node (all versions). */
  definitions?: readonly AnyNodeDefinition[]
  store?: RunStore
  /**
   * Continue a run recorded in `store`: nodes that already succeeded (or were skipped) are not run again, their
   * recorded outputs are reused. Used after a crash and for "re-run from this node" (after deleting its results).
   */
  resume?: boolean
  signal?: AbortSignal
  onEvent?: RunEventListener
  services?: RunServices
  /** Overrides `flow.settings.concurrency`. */
  concurrency?: number
  /** How much output one node and one run may record; `DEFAULT_OUTPUT_LIMITS` for what is left out. */
  limits?: Partial<OutputLimits>
  /** Step through: pause before these nodes, or every node; the run then ends `paused` (see pause-rules.ts). */
  pause?: PauseRules
}

export interface RunResult extends RunOutcome {
  runId: string
  /** Every node result of the run, in the order the nodes finished. */
  steps: NodeResult[]
}

export type { ErrorInfo }
