import type { ServerResponse } from 'node:http'
import type { ChatBody, FinalAnswer } from './fake-answer.ts'
import { sleep } from './sleep.ts'

export interface Pacing {
  chunkSize: number
  chunkDelayMs: number
  /** Destroy the socket after this many content chunks. */
  cutAfterChunks?: number
}

let sequence = 0

/** One whole `chat.completion` object, reasoning in `reasoning_content` beside the answer as DeepSeek sends it. */
export function sendCompletion(res: ServerResponse, body: ChatBody, answer: FinalAnswer): void {
  const message = {
    role: 'assistant',
    content: answer.content,
    ...(answer.reasoning ? { reasoning_content: answer.reasoning } : {}),
    ...(answer.toolCalls.length > 0
      ? {
          tool_calls: answer.toolCalls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          })),
        }
      : {}),
  }
  const completion = {
    id: `chatcmpl-fake-${++sequence}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body.model,
    choices: [{ index: 0, message, finish_reason: answer.finishReason, logprobs: null }],
    usage: usageOf(answer),
  }
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify(completion))
}

/**
 * Server-sent events the way OpenAI streams: a role chunk, reasoning deltas, content deltas, a chunk carrying the
 * finish reason, then — when `stream_options.include_usage` — a chunk with empty choices and the usage, and `[DONE]`.
 */
export async function sendStream(
  res: ServerResponse,
  body: ChatBody,
  answer: FinalAnswer,
  pacing: Pacing,
): Promise<void> {
  const id = `chatcmpl-fake-${++sequence}`
  const withUsage = body.stream_options?.include_usage === true
  const chunk = (delta: object, finish: string | null = null, choices = true) => ({
    id,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: body.model,
    choices: choices ? [{ index: 0, delta, finish_reason: finish, logprobs: null }] : [],
    ...(withUsage ? { usage: null } : {}),
  })
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  const send = async (data: string) => {
    if (pacing.chunkDelayMs > 0) await sleep(pacing.chunkDelayMs)
    if (!res.destroyed) res.write(`data: ${data}\n\n`)
  }
  await send(JSON.stringify(chunk({ role: 'assistant', content: '' })))
  for (const piece of split(answer.reasoning, pacing.chunkSize)) {
    await send(JSON.stringify(chunk({ reasoning_content: piece })))
  }
  let sent = 0
  for (const piece of split(answer.content, pacing.chunkSize)) {
    if (pacing.cutAfterChunks !== undefined && sent >= pacing.cutAfterChunks) {
      // Flush what was written, then drop the connection without ending the chunked body.
      await new Promise<void>((resolve) => res.write('', () => resolve()))
      res.socket?.destroy()
      return
    }
    await send(JSON.stringify(chunk({ content: piece })))
    sent++
  }
  for (const [index, call] of answer.toolCalls.entries()) {
    const head = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }
    await send(JSON.stringify(chunk({ tool_calls: [head] })))
    for (const piece of split(call.arguments, pacing.chunkSize)) {
      await send(JSON.stringify(chunk({ tool_calls: [{ index, function: { arguments: piece } }] })))
    }
  }
  await send(JSON.stringify(chunk({}, answer.finishReason)))
  if (withUsage) await send(JSON.stringify({ ...chunk({}, null, false), usage: usageOf(answer) }))
  await send('[DONE]')
  res.end()
}

/** A stream whose second event is not JSON: what a misbehaving proxy in front of a provider produces. */
export function sendBrokenStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' })
  res.write(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [] })}\n\n`)
  res.end('data: {"id": "x", "choices": [\n\n')
}

function usageOf(answer: FinalAnswer) {
  const { prompt_tokens, completion_tokens, reasoning_tokens } = answer.usage
  return {
    prompt_tokens,
    completion_tokens,
    total_tokens: prompt_tokens + completion_tokens,
    completion_tokens_details: { reasoning_tokens },
  }
}

/** Splits by characters, not UTF-16 units, so a chunk never ends in half a surrogate pair. */
function split(text: string, size: number): string[] {
  const chars = [...text]
  const pieces: string[] = []
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''))
  return pieces
}
