/** Token counts as the fake reports them; unscripted counts are derived from the text so they are predictable. */
export interface FakeUsage {
  prompt_tokens: number
  completion_tokens: number
  reasoning_tokens?: number
}

/** A scripted answer: what the next model request gets instead of the default echo. */
export interface FakeAnswer {
  content?: string
  /** Sent as `reasoning_content`, the way DeepSeek-R1 and Qwen thinking models send it. */
  reasoning?: string
  usage?: Partial<FakeUsage>
  /** Wait this long before sending the status line and headers. */
  delayMs?: number
  /** Wait this long before each stream chunk. */
  chunkDelayMs?: number
  /** Streaming only: destroy the socket after this many content chunks, as a dropped connection would. */
  cutAfterChunks?: number
  finishReason?: 'stop' | 'length' | 'tool_calls'
  /**
   * Tool calls the model asks for (the finish reason becomes `tool_calls`). `arguments` is sent as given, so a test
   * can script malformed JSON; streamed, each call's arguments arrive in pieces as OpenAI sends them.
   */
  toolCalls?: FakeToolCall[]
  /** Image requests: answer links (as SiliconFlow and CogView do unasked) or bytes, whatever was asked for. */
  imageAs?: 'url' | 'b64_json'
}

export interface FakeToolCall {
  /** Default: `call_<n>`, numbered across the fake's life. */
  id?: string
  name: string
  arguments: string
}

/** A scripted failure with the status and error body a real provider sends. */
export type FakeFault =
  | { fault: 'rate_limit'; retryAfter?: string }
  | { fault: 'server_error'; status?: number }
  /** A 200 whose body is cut-off JSON (or, for a stream, an SSE event that is not JSON). */
  | { fault: 'invalid_json' }
  | { fault: 'unknown_model' }
  | { fault: 'bad_key' }

export type FakeStep = FakeAnswer | FakeFault

export function isFault(step: FakeStep): step is FakeFault {
  return 'fault' in step
}

export interface RecordedRequest {
  method: string
  /** The full path, base-URL prefix included, e.g. `/api/paas/v4/chat/completions`. */
  path: string
  headers: Record<string, string>
  /** Parsed JSON, the fields of a multipart form (files as `{ name, size, type }`), or the raw text. */
  body: unknown
}

export interface FakeOpenAIOptions {
  /** The key requests must carry as `Authorization: Bearer …`; null accepts any (or none), as Ollama does. */
  apiKey?: string | null
  /** Models the server knows; others get 404 `model_not_found`. Absent: every model is accepted. */
  models?: readonly string[]
  /** Characters per streamed content chunk. */
  chunkSize?: number
  /** Default wait before each stream chunk, for every answer that does not script its own. */
  chunkDelayMs?: number
  /** Default wait before the headers of every model answer: a benchmark's stand-in for model latency. */
  delayMs?: number
}
