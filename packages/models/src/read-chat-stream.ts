import type { ChatUsage, NodeChunk } from '@zhiliu/nodes'
import OpenAI from 'openai'
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions'
import { z } from 'zod'
import { createThinkSplitter } from './split-think-tags.ts'
import { StreamCut } from './to-model-error.ts'

/** Reasoning arrives outside the OpenAI types: `reasoning_content` (DeepSeek, Qwen, GLM, Kimi) or `reasoning` (Ollama). */
const ReasoningFields = z.object({
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
})

function reasoningOf(value: unknown): string {
  const parsed = ReasoningFields.safeParse(value)
  return parsed.success ? (parsed.data.reasoning_content ?? parsed.data.reasoning ?? '') : ''
}

export interface ReadAnswer {
  text: string
  reasoning: string
  model: string
  usage: ChatUsage
  finishReason: string
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
  try {
    for await (const chunk of stream) {
      model ||= chunk.model
      if (chunk.usage) usage = toUsage(chunk.usage)
      const choice = chunk.choices[0]
      if (!choice) continue
      collect.reasoning(reasoningOf(choice.delta))
      if (choice.delta.content) collect.text(choice.delta.content)
      if (choice.finish_reason) finishReason = choice.finish_reason
    }
  } catch (err) {
    if (signal.aborted || err instanceof OpenAI.APIError || err instanceof SyntaxError) throw err
    throw new StreamCut(err instanceof Error ? err.message : String(err), { cause: err })
  }
  // The SDK ends the iteration quietly when the request is aborted.
  if (signal.aborted) throw signal.reason
  if (!finishReason) throw new StreamCut('the stream ended without a finish reason')
  collect.end()
  return { ...collect.parts, model, usage: usage ?? emptyUsage(), finishReason }
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
  }
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
