import type { ChatUsage, SpeechFormat } from '@zhiliu/nodes'

const TYPE_OF_FORMAT: Record<SpeechFormat, string> = {
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
}

/**
 * The bytes and type of a speech reply. The SDK hands over any 200 as binary, so a JSON error page or a proxy's
 * HTML must be caught here, not stored as audio.
 */
export async function readAudioReply(
  res: Response,
  format: SpeechFormat,
): Promise<{ audio: Uint8Array; mimeType: string }> {
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  const audio = new Uint8Array(await res.arrayBuffer())
  if (/json|text|html|xml/.test(type) || audio.length === 0) {
    const seen = new TextDecoder().decode(audio.subarray(0, 120))
    throw new SyntaxError(`expected audio, got ${type || 'no content type'}: ${seen}`)
  }
  return { audio, mimeType: type.startsWith('audio/') ? type : TYPE_OF_FORMAT[format] }
}

/** A transcription reply must carry its text; anything else is not an OpenAI-compatible answer. */
export function readTranscript(res: unknown): {
  text: string
  language?: string
  durationSeconds?: number
  usage?: ChatUsage
} {
  const body = (typeof res === 'object' && res !== null ? res : {}) as {
    text?: unknown
    language?: unknown
    duration?: unknown
    usage?: { type?: unknown; seconds?: unknown; input_tokens?: unknown; output_tokens?: unknown }
  }
  if (typeof body.text !== 'string') {
    throw new SyntaxError(`expected a transcription with text, got: ${JSON.stringify(res)?.slice(0, 120)}`)
  }
  // whisper-1 reports `usage: {type: 'duration', seconds}`, gpt-4o-transcribe `{type: 'tokens', …}`, verbose_json a
  // `duration`; other providers none of them.
  const { usage } = body
  const seconds = usage?.type === 'duration' ? usage.seconds : body.duration
  const tokens =
    usage?.type === 'tokens' &&
    typeof usage.input_tokens === 'number' &&
    typeof usage.output_tokens === 'number'
      ? { promptTokens: usage.input_tokens, completionTokens: usage.output_tokens }
      : undefined
  return {
    text: body.text,
    ...(typeof body.language === 'string' && body.language ? { language: body.language } : {}),
    ...(typeof seconds === 'number' && seconds >= 0 ? { durationSeconds: seconds } : {}),
    ...(tokens ? { usage: tokens } : {}),
  }
}
