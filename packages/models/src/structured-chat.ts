import { type ChatMessage, type NodeChunk, NodeError } from '@zhiliu/nodes'
import type { ChatAnswer, ChatBackend, ChatCall } from './chat-backend.ts'
import { checkJsonAnswer } from './check-json-answer.ts'
import type { ProviderCapabilities } from './provider-presets.ts'

export interface StructuredAnswer extends ChatAnswer {
  data: unknown
}

/**
 * A JSON answer, checked. Uses `json_schema` where the provider has it, else JSON mode (or nothing) with the schema
 * in the prompt; then validates, and on a bad answer asks the model once to fix it before failing.
 */
export async function structuredChat(
  backend: ChatBackend,
  call: ChatCall,
  capabilities: ProviderCapabilities,
  where: string,
  signal: AbortSignal,
  onChunk?: (chunk: NodeChunk) => void,
): Promise<StructuredAnswer> {
  const format = call.responseFormat
  const schema = format?.type === 'json_schema' ? format.schema : undefined
  const prepared = prepare(call, capabilities)
  const first = await backend.complete(prepared, signal, onChunk)
  const checked = checkJsonAnswer(first.text, schema)
  if (checked.ok) return { ...first, data: checked.value }

  onChunk?.({
    channel: 'progress',
    text: `The answer was not valid (${checked.problem}); asking the model to fix it.`,
  })
  const repair: ChatCall = {
    ...prepared,
    messages: [
      ...prepared.messages,
      // The thinking goes back with the answer: providers that check the history (DeepSeek) refuse it otherwise.
      { role: 'assistant', content: first.text, ...(first.reasoning ? { reasoning: first.reasoning } : {}) },
      { role: 'user', content: repairInstruction(checked.problem, schema) },
    ],
  }
  const second = await backend.complete(repair, signal, onChunk)
  const usage = {
    promptTokens: first.usage.promptTokens + second.usage.promptTokens,
    completionTokens: first.usage.completionTokens + second.usage.completionTokens,
    ...(first.usage.reasoningTokens || second.usage.reasoningTokens
      ? { reasoningTokens: (first.usage.reasoningTokens ?? 0) + (second.usage.reasoningTokens ?? 0) }
      : {}),
  }
  const rechecked = checkJsonAnswer(second.text, schema)
  if (rechecked.ok) return { ...second, usage, data: rechecked.value }
  throw new NodeError(
    'MODEL_OUTPUT_INVALID',
    `${where}: the answer did not match the requested JSON format, even after one request to fix it: ${rechecked.problem}`,
    { details: { answer: second.text.slice(0, 2000), problem: rechecked.problem, usage } },
  )
}

/** Downgrades the response format to what the provider can do, putting the schema into the prompt when needed. */
function prepare(call: ChatCall, capabilities: ProviderCapabilities): ChatCall {
  const format = call.responseFormat
  if (format?.type === 'json_schema' && capabilities.jsonSchema) return call
  const schema = format?.type === 'json_schema' ? format.schema : undefined
  const instruction = schema
    ? `Answer with one JSON object and nothing else (no Markdown fence, no comments). It must match this JSON Schema:\n${JSON.stringify(schema)}`
    : 'Answer with one JSON object and nothing else (no Markdown fence, no comments).'
  return {
    ...call,
    responseFormat: capabilities.jsonMode ? { type: 'json_object' } : undefined,
    messages: withSystemNote(call.messages, instruction),
  }
}

/** Some providers (Qwen among them) accept one system message, and only first: the note joins that one. */
function withSystemNote(messages: ChatMessage[], note: string): ChatMessage[] {
  const [head, ...rest] = messages
  if (head?.role === 'system' && typeof head.content === 'string') {
    return [{ role: 'system', content: `${head.content}\n\n${note}` }, ...rest]
  }
  return [{ role: 'system', content: note }, ...messages]
}

export const REPAIR_MARKER = 'Your previous answer could not be used'

function repairInstruction(problem: string, schema: unknown): string {
  const shape = schema ? ` that matches this JSON Schema:\n${JSON.stringify(schema)}` : '.'
  return `${REPAIR_MARKER}: ${problem}. Reply again with only the corrected JSON object${shape}`
}
