import type { ChatMessage } from '@zhiliu/nodes'
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions'

export interface WireOptions {
  /** Send earlier assistant turns' thinking back as `reasoning_content` (see `ProviderPreset.echoReasoning`). */
  echoReasoning?: boolean
}

/** Zhiliu's messages in the wire shape; images become `image_url` parts, which only user messages may carry. */
export function toOpenAIMessages(
  messages: readonly ChatMessage[],
  options: WireOptions = {},
): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    if (m.role === 'tool')
      return { role: 'tool', content: textOf(m.content), tool_call_id: m.toolCallId ?? '' }
    if (m.role === 'assistant' && m.toolCalls?.length) {
      const calls = m.toolCalls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      }))
      const turn = { role: 'assistant' as const, content: textOf(m.content), tool_calls: calls }
      if (!options.echoReasoning) return turn
      // Kimi's and DeepSeek's thinking modes check a tool-call turn's thinking too (see echoReasoning).
      const withReasoning = { ...turn, reasoning_content: m.reasoning ?? '' }
      return withReasoning
    }
    if (m.role === 'user') {
      if (typeof m.content === 'string') return { role: 'user', content: m.content }
      const parts = m.content.map(
        (part): ChatCompletionContentPart =>
          part.type === 'text'
            ? { type: 'text', text: part.text }
            : { type: 'image_url', image_url: { url: part.url } },
      )
      return { role: 'user', content: parts }
    }
    if (m.role === 'assistant' && options.echoReasoning) {
      // Not in the SDK's types: the field is these providers' extension. An empty string for a turn whose
      // thinking was not kept still satisfies DeepSeek's check that every assistant turn carries one.
      const turn = {
        role: 'assistant' as const,
        content: textOf(m.content),
        reasoning_content: m.reasoning ?? '',
      }
      return turn
    }
    return { role: m.role, content: textOf(m.content) }
  })
}

export function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('')
}
