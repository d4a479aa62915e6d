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
  /** Streams partial output (model tokens, progress) to run subscribers while the node is still running. */
  emit(chunk: NodeChunk): void
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>

export interface SecretReader {
  /** The decrypted fields of a stored credential, checked against the expected credential type. */
  get(credentialId: string, type: string): Promise<Record<string, string>>
}

/**
 * Every model call a node makes. The server builds one per run from the provider credentials, the price table and
 * the run's token budget; the CLI builds one from the environment; the engine's default refuses.
 */
export interface ModelGateway {
  /**
   * Sends text and reasoning deltas to `onChunk` on separate channels as they arrive, and resolves only with a
   * complete answer: a stream that breaks off rejects, so partial output never passes as success.
   */
  chat(request: ChatRequest, signal: AbortSignal, onChunk?: (chunk: NodeChunk) => void): Promise<ChatResponse>
  /** Image generation; absent where no provider for it is configured. */
  image?(request: ImageRequest, signal: AbortSignal): Promise<ImageResponse>
}

/** A piece of a multimodal message: an image is an https URL or a `data:` URL. */
export type ChatContentPart = { type: 'text'; text: string } | { type: 'image'; url: string }

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string | ChatContentPart[]
}

export interface ChatRequest {
  /** A provider credential id, or undefined for the default provider. */
  provider?: string
  model?: string
  messages: ChatMessage[]
  temperature?: number
  maxTokens?: number
  responseFormat?:
    | { type: 'text' }
    | { type: 'json_object' }
    | { type: 'json_schema'; schema: unknown; name: string }
  /** Chooses the offline demo model's scripted answer (a template names its own); real providers ignore it. */
  demoKey?: string
}

export interface ChatUsage {
  promptTokens: number
  /** Includes the reasoning tokens, as providers bill them. */
  completionTokens: number
  reasoningTokens?: number
}

/** What a call cost by the per-model price table; absent when the model has no price there. */
export interface ModelCost {
  cny: number
  usd: number
}

export interface ChatResponse {
  text: string
  /** A reasoning model's thinking, kept apart from the answer. */
  reasoning?: string
  /** For `json_object` and `json_schema` requests: the parsed answer, already checked against the schema. */
  data?: unknown
  model: string
  provider: string
  usage: ChatUsage
  cost?: ModelCost
}

export interface ImageRequest {
  provider?: string
  model?: string
  prompt: string
  /** e.g. `1024x1024`; providers list the sizes they accept. */
  size?: string
  n?: number
  demoKey?: string
}

export interface GeneratedImage {
  /** The image bytes, base64-encoded, when the provider returned them. */
  base64?: string
  /** Where the provider hosts the image; such links usually expire within hours. */
  url?: string
  mimeType: string
}

export interface ImageResponse {
  images: GeneratedImage[]
  model: string
  provider: string
  revisedPrompt?: string
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
