import type { ChatUsage, NodeChunk, ToolCall } from '@zhiliu/nodes'
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions'
import { isOpenAIError } from './openai-sdk.ts'
import { createThinkSplitter } from './split-think-tags.ts'
import { StreamCut } from './to-model-error.ts'

/**
 * Reasoning arrives outside the OpenAI types: `reasoning_content` (DeepSeek, Qwen, GLM, Kimi) or `reasoning` (Ollama).
 * Checked by hand rather than with a schema: this runs for every streamed chunk.
 */
function reasoningOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return ''
  const { reasoning_content: content, reasoning } = value as Record<string, unknown>
  // A field of another type makes the whole delta's reasoning unreadable, as a schema would say.
  if (!isNullishOrString(content) || !isNullishOrString(reasoning)) return ''
  return content ?? reasoning ?? ''
}

function isNullishOrString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string'
}

export interface ReadAnswer {
  text: string
  reasoning: string
  model: string
  usage: ChatUsage
  finishReason: string
  toolCalls: ToolCall[]
}

/** Collects answer and reasoning on separate channels, forwarding each piece as it comes. */
function createCollector(onChunk?: (chunk: NodeChunk) => void) {
  const parts = { text: '', reasoning: '' }
  const split = createThinkSplitter((channel, text) => {
    parts[channel] += text
    onChunk?.({ channel, text })
  })
  return {
    parts,
    reasoning(text: string) {
      if (text === '') return
      parts.reasoning += text
      onChunk?.({ channel: 'reasoning', text })
    },
    text: (text: string) => split.push(text),
    end: () => split.end(),
  }
}

/**
 * Reads a streamed answer. It is only an answer once the model sent a finish reason: a stream that ends or breaks
 * before that throws StreamCut, so a half answer never passes as a whole one.
 */
export async function readChatStream(
  stream: AsyncIterable<ChatCompletionChunk>,
  signal: AbortSignal,
  onChunk?: (chunk: NodeChunk) => void,
): Promise<ReadAnswer> {
  const collect = createCollector(onChunk)
  let model = ''
  let finishReason = ''
  let usage: ChatUsage | undefined
  // Streamed tool calls come in pieces by index: the first with id and name, then the arguments' text.
  const calls: ToolCall[] = []
  try {
    for await (const chunk of stream) {
      model ||= chunk.model
      if (chunk.usage) usage = toUsage(chunk.usage)
      const choice = chunk.choices[0]
      if (!choice) continue
      collect.reasoning(reasoningOf(choice.delta))
      if (choice.delta.content) collect.text(choice.delta.content)
      for (const piece of choice.delta.tool_calls ?? []) {
        const call = calls[piece.index] ?? { id: '', name: '', arguments: '' }
        calls[piece.index] = call
        if (piece.id) call.id = piece.id
        if (piece.function?.name) call.name += piece.function.name
        if (piece.function?.arguments) call.arguments += piece.function.arguments
      }
      if (choice.finish_reason) finishReason = choice.finish_reason
    }
  } catch (err) {
    if (signal.aborted || isOpenAIError(err, 'APIError') || err instanceof SyntaxError) throw err
    throw new StreamCut(err instanceof Error ? err.message : String(err), { cause: err })
  }
  // The SDK ends the iteration quietly when the request is aborted.
  if (signal.aborted) throw signal.reason
  if (!finishReason) throw new StreamCut('the stream ended without a finish reason')
  collect.end()
  return {
    ...collect.parts,
    model,
    usage: usage ?? emptyUsage(),
    finishReason,
    toolCalls: calls.filter((call) => call !== undefined).map(withId),
  }
}

/** The same result from a whole (non-streamed) completion; the answer is forwarded as one chunk. */
export function readCompletion(completion: ChatCompletion, onChunk?: (chunk: NodeChunk) => void): ReadAnswer {
  const choice = completion.choices[0]
  const collect = createCollector(onChunk)
  collect.reasoning(reasoningOf(choice?.message))
  collect.text(choice?.message.content ?? '')
  collect.end()
  return {
    ...collect.parts,
    model: completion.model,
    usage: completion.usage ? toUsage(completion.usage) : emptyUsage(),
    finishReason: choice?.finish_reason ?? '',
    toolCalls: (choice?.message.tool_calls ?? []).flatMap((call) =>
      call.type === 'function'
        ? [withId({ id: call.id, name: call.function.name, arguments: call.function.arguments })]
        : [],
    ),
  }
}

let unnamedCalls = 0

/** Some servers (older Ollama) send calls without ids; the answer to a call must name one. */
function withId(call: ToolCall, index = 0): ToolCall {
  return call.id ? call : { ...call, id: `call_${index}_${++unnamedCalls}` }
}

function toUsage(usage: NonNullable<ChatCompletion['usage']>): ChatUsage {
  const reasoning = usage.completion_tokens_details?.reasoning_tokens
  return {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  }
}

function emptyUsage(): ChatUsage {
  return { promptTokens: 0, completionTokens: 0 }
}
