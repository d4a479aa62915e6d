import type { NodeChunk } from './context.ts'

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
  /** `tool`: a tool's result, answering the assistant turn's call with `toolCallId`. */
  role: 'system' | 'user' | 'assistant' | 'tool'
  content: string | ChatContentPart[]
  /** An earlier assistant turn's thinking, sent back only to providers whose thinking models require it. */
  reasoning?: string
  /** An assistant turn that asked for tools. */
  toolCalls?: ToolCall[]
  /** A `tool` message: the call it answers. */
  toolCallId?: string
}

/** A function the model may call (OpenAI's tool-calling API); `parameters` is a JSON Schema for its arguments. */
export interface ToolSpec {
  name: string
  description: string
  parameters: Record<string, unknown>
}

/** A call the model asked for; `arguments` is the model's JSON text, unchecked (models write malformed JSON too). */
export interface ToolCall {
  id: string
  name: string
  arguments: string
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
  /** Tools the model may call; only for models whose preset says they support tools. */
  tools?: ToolSpec[]
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
  /** The tools the model asked to call, in its order; absent or empty when it answered. */
  toolCalls?: ToolCall[]
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
  /** Tokens, for models billed by them (gpt-image-1); absent when the provider reports none. */
  usage?: ChatUsage
  /** By the price table: tokens and, for models priced per picture, the pictures; absent for an unpriced model. */
  cost?: ModelCost
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
  /** By the characters read out and the model's price per million; absent for an unpriced model. */
  cost?: ModelCost
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
  /** The audio's length, where the provider (or the audio's header) says. */
  durationSeconds?: number
  /** Tokens, for models billed by them (gpt-4o-transcribe). */
  usage?: ChatUsage
  /** By the minute or by the tokens; absent for an unpriced model, or one billed by the minute of unknown length. */
  cost?: ModelCost
}
