import type { FlowCaller, ToolSources } from './agent-tools.ts'
import type { ExpressionEvaluator } from './expression/expression-evaluator.ts'
import type { KnowledgeRetriever } from './knowledge-retriever.ts'
import type { McpGateway } from './mcp-gateway.ts'
import type { MediaStore } from './media-store.ts'
import type { ModelGateway } from './model-gateway.ts'
import type { Publisher } from './publisher.ts'

/**
 * Everything a node may touch outside its own config arrives through this context. The server wires it to the real
 * world (with the outbound-address guard, timeouts and secret handling in one place); tests wire it to local fakes.
 */
export interface NodeContext {
  readonly runId: string
  /** The node's id in the flow document. */
  readonly nodeId: string
  /** Unique per node execution within a run, including the for-each iteration path, e.g. `loop[3].post`. */
  readonly nodeKey: string
  /** 1 for the first attempt. */
  readonly attempt: number
  /** Stable across retries and resumes of the same node execution: `${runId}:${nodeKey}`. */
  readonly idempotencyKey: string
  /** Aborted on timeout, run cancellation or server shutdown. Pass it to every await that can block. */
  readonly signal: AbortSignal
  readonly fetch: FetchLike
  readonly secrets: SecretReader
  readonly models: ModelGateway
  readonly clock: Clock
  readonly logger: NodeLogger
  /** What the server hosts or sends for the publish nodes: feeds, pages, files under DATA_DIR, e-mail. */
  readonly publish: Publisher
  /** Keeps generated images and audio at an address that lasts; provider links expire within hours. */
  readonly media: MediaStore
  /** Searches the knowledge bases of the run's owner (the kb.retrieve node). */
  readonly knowledge: KnowledgeRetriever
  /** Evaluates JSONata: on this thread by default, on the server within a short budget and then in worker threads. */
  readonly expressions: ExpressionEvaluator
  /** The tools of the run owner's configured MCP servers; only the server has them. */
  readonly mcp: McpGateway
  /** Runs other flows (`flow.call`, an agent's flow tools) as linked child runs. */
  readonly flows: FlowCaller
  /** Tools from outside the flow for `ai.agent`: knowledge bases, MCP servers. */
  readonly tools: ToolSources
  /** Streams partial output (model tokens, progress) to run subscribers while the node is still running. */
  emit(chunk: NodeChunk): void
  /**
   * Names a run this node started (`flow.call`'s child). Should the node time out or be cancelled before it answers,
   * its error names the run (`details.runId`), as a failure it reports itself would.
   */
  linkRun(runId: string): void
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>

export interface SecretReader {
  /** The decrypted fields of a stored credential, checked against the expected credential type. */
  get(credentialId: string, type: string): Promise<Record<string, string>>
}

export interface Clock {
  now(): number
  /** Resolves after `ms`, rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export interface NodeLogger {
  debug(message: string, data?: Record<string, unknown>): void
  info(message: string, data?: Record<string, unknown>): void
  warn(message: string, data?: Record<string, unknown>): void
  error(message: string, data?: Record<string, unknown>): void
}

export interface NodeChunk {
  channel: 'text' | 'reasoning' | 'progress'
  text: string
}

// The services' own types live beside them; a node imports every type it may touch from here.
export type * from './agent-tools.ts'
export type * from './expression/expression-evaluator.ts'
export type * from './knowledge-retriever.ts'
export type * from './mcp-gateway.ts'
export type * from './media-store.ts'
export type * from './model-gateway.ts'
export type * from './publisher.ts'
