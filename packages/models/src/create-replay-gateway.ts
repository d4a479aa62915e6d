import { type ChatMessage, type ChatRequest, type ModelGateway, NodeError } from '@zhiliu/nodes'
import { type RecordingFile, type RecordingPlace, readRecordingAt, recordingName } from './recording-file.ts'
import { requestKey, transcriptionKeyed } from './request-key.ts'
import { textOf } from './to-openai-messages.ts'

export interface ReplayOptions {
  /** Pause before each recorded piece, to stream at a watchable pace; 0 (the default) replays at once. */
  chunkDelayMs?: number
}

/**
 * Answers from a recording with no network at all, streaming the recorded pieces, so a live demo cannot fail. A
 * request that was never recorded fails with REPLAY_MISS naming it, rather than reaching for a real model.
 */
export function createReplayGateway(place: RecordingPlace, options: ReplayOptions = {}): ModelGateway {
  const file = recordingName(place)
  let loaded: Promise<RecordingFile> | undefined
  const load = () => {
    loaded ??= readRecordingAt(place)
    return loaded
  }
  const miss = (what: string, key: string) =>
    new NodeError(
      'REPLAY_MISS',
      `No recorded answer for ${what} in ${file}. The prompt or settings changed since the recording; record the run again.`,
      { details: { key, file } },
    )

  return {
    async chat(request, signal, onChunk) {
      const key = requestKey('chat', request)
      const exchange = (await load()).exchanges[key]
      if (exchange?.kind !== 'chat') throw miss(describe(request), key)
      for (const chunk of exchange.chunks) {
        if (options.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs))
        signal.throwIfAborted()
        onChunk?.(chunk)
      }
      return exchange.response
    },
    async image(request, signal) {
      const key = requestKey('image', request)
      const exchange = (await load()).exchanges[key]
      if (exchange?.kind !== 'image') throw miss(`the image request "${request.prompt.slice(0, 60)}"`, key)
      signal.throwIfAborted()
      return exchange.response
    },
    async speech(request, signal) {
      const key = requestKey('speech', request)
      const exchange = (await load()).exchanges[key]
      if (exchange?.kind !== 'speech') throw miss(`the speech request "${request.input.slice(0, 60)}"`, key)
      signal.throwIfAborted()
      const { audioBase64, ...rest } = exchange.response
      return { ...rest, audio: new Uint8Array(Buffer.from(audioBase64, 'base64')) }
    },
    async transcribe(request, signal) {
      const key = requestKey('transcribe', transcriptionKeyed(request))
      const exchange = (await load()).exchanges[key]
      if (exchange?.kind !== 'transcribe') {
        throw miss(`the transcription of ${request.filename} (${request.audio.length} bytes)`, key)
      }
      signal.throwIfAborted()
      return exchange.response
    },
  }
}

/** Enough of a request for a person to recognise which node asked it. */
function describe(request: ChatRequest): string {
  const last: ChatMessage | undefined = request.messages.findLast((m) => m.role === 'user')
  const text = last ? textOf(last.content).replace(/\s+/g, ' ').slice(0, 60) : ''
  return `the chat request to model "${request.model || 'default'}" (provider ${request.provider || 'default'}) whose last message starts "${text}"`
}
