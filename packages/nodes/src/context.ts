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
  /** Text to speech; absent where no provider for it is configured. */
  speech?(request: SpeechRequest, signal: AbortSignal): Promise<SpeechResponse>
  /** Speech to text; absent where no provider for it is configured. */
  transcribe?(request: TranscriptionRequest, signal: AbortSignal): Promise<TranscriptionResponse>
}

/** A piece of a multimodal message: an image is an https URL or a `data:` URL. */
export type ChatContentPart = { type: 'text'; text: string } | { type: 'image'; url: string }

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string | ChatContentPart[]
  /** An earlier assistant turn's thinking, sent back only to providers whose thinking models require it. */
  reasoning?: string
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

/** The containers OpenAI's speech API offers that a browser's <audio> plays (raw `pcm` has no header, so it is left out). */
export type SpeechFormat = 'mp3' | 'wav' | 'opus' | 'aac' | 'flac'

export interface SpeechRequest {
  provider?: string
  model?: string
  /** The text to read out. */
  input: string
  /** A voice the provider names (OpenAI `alloy`, SiliconFlow `FunAudioLLM/CosyVoice2-0.5B:alex`); empty: its default. */
  voice?: string
  format?: SpeechFormat
  /** 0.25 to 4; 1 is the normal pace. */
  speed?: number
  demoKey?: string
}

export interface SpeechResponse {
  audio: Uint8Array
  /** As the provider labelled the bytes, e.g. `audio/mpeg`; the demo model always answers `audio/wav`. */
  mimeType: string
  model: string
  provider: string
}

export interface TranscriptionRequest {
  provider?: string
  model?: string
  audio: Uint8Array
  mimeType: string
  /** Providers tell the format by the file name's extension, so it must match the bytes (`speech.mp3`). */
  filename: string
  /** ISO-639-1, e.g. `zh`; empty lets the model detect it. */
  language?: string
  /** Spellings and context to steer the transcript: names, jargon, the previous sentence. */
  prompt?: string
  demoKey?: string
}

export interface TranscriptionResponse {
  text: string
  /** As the provider reported it, or as requested when it reports none. */
  language?: string
  model: string
  provider: string
}

/**
 * Where generated images and audio are kept: by the server under DATA_DIR/media, served at `/media/<id>`; by the CLI
 * in a local folder. Every save carries a key (the node's idempotency key and the item's index): a key seen before
 * stores nothing and answers what the first save did, with `duplicate: true`, so a retried or resumed run never
 * stores twice. Only raster images and audio are taken, checked by their bytes; never SVG, HTML or anything else a
 * browser would run.
 */
export interface MediaStore {
  save(media: MediaRequest): Promise<MediaReceipt>
  /**
   * Stored media by its id or by an address this store gave out. Undefined when `ref` is neither (say, a URL
   * elsewhere); fails with MEDIA_NOT_FOUND when it is one but nothing is stored under it.
   */
  open(ref: string): Promise<StoredMedia | undefined>
}

export interface MediaRequest {
  key: string
  bytes: Uint8Array
  /** What the bytes claim to be; the store trusts the bytes' own signature over it where it can read one. */
  mimeType: string
}

export interface MediaReceipt {
  /** Chosen by the store, e.g. `3f9c…e1.png`; the last part of `url`. */
  id: string
  /** Server: `/media/<id>` (absolute with ZHILIU_PUBLIC_URL). CLI: a `file://` URL. */
  url: string
  mimeType: string
  bytes: number
  duplicate: boolean
}

export interface StoredMedia {
  id: string
  bytes: Uint8Array
  mimeType: string
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

/**
 * The publish nodes' way out. Every request carries the node's `idempotencyKey` as `key`: a key seen before changes
 * nothing and answers what the first request did, with `duplicate: true`, so a retried or resumed run never posts
 * twice. The server implements it; the engine's default refuses.
 */
export interface Publisher {
  /** Adds an item to a hosted RSS/Atom feed, creating the feed on first use. */
  addFeedItem(item: FeedItemRequest): Promise<FeedItemReceipt>
  /** Creates or updates the hosted page at `slug`: a new key republishes it in place, at the same address. */
  putPage(page: PageRequest): Promise<PageReceipt>
  /** Writes a file under the server's files folder, through a temp file and a rename. */
  writeFile(file: FileRequest): Promise<FileReceipt>
  /** Sends over SMTP with a Message-ID derived from the key. */
  sendMail(mail: MailRequest, signal: AbortSignal): Promise<MailReceipt>
}

export interface FeedItemRequest {
  key: string
  /** The feed's name in its address, `/feeds/<feed>.xml`. */
  feed: string
  /** Shown as the feed's title; empty keeps the one it has. */
  feedTitle: string
  title: string
  link: string
  /** Plain text; the content's start when empty. */
  summary: string
  /** Markdown, sanitised when rendered. */
  content: string
  author: string
  /** Empty: the server assigns a permanent one. */
  guid: string
}

export interface FeedItemReceipt {
  feed: string
  /** The RSS 2.0 address; `atomUrl` is the Atom one. */
  feedUrl: string
  atomUrl: string
  guid: string
  /** ISO time. */
  publishedAt: string
  duplicate: boolean
}

export interface PageRequest {
  key: string
  /** Already a slug: lowercase letters (any script), digits and single hyphens. */
  slug: string
  title: string
  /** Markdown, sanitised when rendered. */
  body: string
}

export interface PageReceipt {
  slug: string
  url: string
  /** ISO time of the content now at `url`. */
  updatedAt: string
  duplicate: boolean
}

export interface FileRequest {
  key: string
  /** Relative, `/`-separated; empty for the files folder itself. */
  folder: string
  filename: string
  content: string
  /** Set for HTML files: `content` is Markdown the server renders into a sanitised page with this title. */
  html?: { title: string }
}

export interface FileReceipt {
  /** Relative to the files folder, `/`-separated. */
  path: string
  bytes: number
  duplicate: boolean
}

/** A credential of type `smtp`, parsed. */
export interface SmtpSettings {
  host: string
  port: number
  /** `tls` from the first byte (465), `starttls` required (587), `none` only for a trusted relay. */
  secure: 'tls' | 'starttls' | 'none'
  user: string
  password: string
  /** The sender, `news@example.com` or `名称 <news@example.com>`. */
  from: string
}

export interface MailRequest {
  key: string
  smtp: SmtpSettings
  to: string[]
  cc: string[]
  subject: string
  /** At least one of the two bodies is non-empty. */
  html: string
  text: string
}

export interface MailReceipt {
  messageId: string
  /** The recipients the server took the message for. */
  accepted: string[]
  rejected: string[]
  duplicate: boolean
}
