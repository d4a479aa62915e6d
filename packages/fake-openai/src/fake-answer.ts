import type { FakeAnswer, FakeToolCall, FakeUsage } from './fake-step.ts'

/** What a chat request asks for, read loosely: the fake accepts whatever a real provider would. */
export interface ChatBody {
  model: string
  messages: { role: string; content: unknown; tool_calls?: unknown; tool_call_id?: string }[]
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[]
  stream?: boolean
  stream_options?: { include_usage?: boolean }
  response_format?: { type: string; json_schema?: { name?: string; schema?: unknown } }
}

export interface FinalAnswer {
  content: string
  reasoning: string
  usage: Required<FakeUsage>
  finishReason: 'stop' | 'length' | 'tool_calls'
  toolCalls: Required<FakeToolCall>[]
}

let callSequence = 0

/**
 * The answer to a chat request: the scripted one when given, otherwise derived from the request so tests can
 * predict it — an echo of the last user message, a schema-shaped object for `json_schema`, and a reasoning text
 * for models whose name says they think.
 */
export function answerFor(body: ChatBody, scripted: FakeAnswer | undefined): FinalAnswer {
  const question = lastUserText(body)
  const content = scripted?.content ?? (scripted?.toolCalls ? '' : defaultContent(body, question))
  const reasoning =
    scripted?.reasoning ?? (/reason|r1|think/i.test(body.model) ? `Thinking about: ${question}` : '')
  const prompt = body.messages.reduce((sum, m) => sum + textOf(m.content).length, 0)
  const reasoningTokens = scripted?.usage?.reasoning_tokens ?? [...reasoning].length
  const usage = {
    prompt_tokens: scripted?.usage?.prompt_tokens ?? prompt,
    completion_tokens: scripted?.usage?.completion_tokens ?? [...content].length + reasoningTokens,
    reasoning_tokens: reasoningTokens,
  }
  const toolCalls = (scripted?.toolCalls ?? []).map((call) => ({ id: `call_${++callSequence}`, ...call }))
  const finishReason = scripted?.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop')
  return { content, reasoning, usage, finishReason, toolCalls }
}

function defaultContent(body: ChatBody, question: string): string {
  const format = body.response_format
  if (format?.type === 'json_schema') return JSON.stringify(sampleOf(format.json_schema?.schema))
  if (format?.type === 'json_object') return JSON.stringify({ answer: `Fake answer: ${question}` })
  const images = countImages(body)
  return `Fake answer: ${question}${images > 0 ? ` [saw ${images} image${images === 1 ? '' : 's'}]` : ''}`
}

function lastUserText(body: ChatBody): string {
  const last = body.messages.findLast((m) => m.role === 'user')
  return last ? textOf(last.content) : ''
}

/** Message content is a string or a list of parts (`text`, `image_url`); only the text counts here. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part: { type?: string; text?: unknown }) => (part?.type === 'text' ? String(part.text ?? '') : ''))
    .join('')
}

function countImages(body: ChatBody): number {
  return body.messages
    .flatMap((m) => (Array.isArray(m.content) ? m.content : []))
    .filter((part: { type?: string }) => part?.type === 'image_url').length
}

type Schema = {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, Schema>
  items?: Schema
  anyOf?: Schema[]
}

/** The simplest value a JSON schema accepts: enough for a fake, which only needs to be valid. */
export function sampleOf(schema: unknown): unknown {
  const s = (schema ?? {}) as Schema
  if (s.const !== undefined) return s.const
  if (s.enum && s.enum.length > 0) return s.enum[0]
  if (s.anyOf?.[0]) return sampleOf(s.anyOf.find((o) => o.type !== 'null') ?? s.anyOf[0])
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sampleOf(v)]))
    case 'array':
      return [sampleOf(s.items)]
    case 'string':
      return 'sample'
    case 'number':
    case 'integer':
      return 1
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return 'sample'
  }
}
