import { createHash } from 'node:crypto'
import type { ChatRequest, TranscriptionRequest } from '@zhiliu/nodes'

/** JSON with object keys sorted and undefined fields left out, so equal requests always serialise the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A recorded exchange's key: the kind of call and a hash of everything the node asked for. */
export function requestKey(kind: 'chat' | 'image' | 'speech' | 'transcribe', request: unknown): string {
  return `${kind}:${createHash('sha256').update(stableJson(request)).digest('hex').slice(0, 24)}`
}

/** A transcription request as it is keyed and recorded: the same audio gives the same key, without its megabytes. */
export function transcriptionKeyed(
  request: TranscriptionRequest,
): Omit<TranscriptionRequest, 'audio'> & { audio: string } {
  return { ...request, audio: `sha256:${createHash('sha256').update(request.audio).digest('hex')}` }
}

/**
 * A chat request as the recording shows it: an inline image (a stored image ai.vision sends as a data: URL) becomes
 * its hash, so a recording does not grow by megabytes per picture. The key is still made from the whole request.
 */
export function chatRecorded(request: ChatRequest): ChatRequest {
  const inline = (url: string) =>
    url.startsWith('data:')
      ? `${url.slice(0, url.indexOf(',') + 1)}sha256:${createHash('sha256').update(url).digest('hex')}`
      : url
  return {
    ...request,
    messages: request.messages.map((message) =>
      typeof message.content === 'string'
        ? message
        : {
            ...message,
            content: message.content.map((part) =>
              part.type === 'image' ? { ...part, url: inline(part.url) } : part,
            ),
          },
    ),
  }
}
