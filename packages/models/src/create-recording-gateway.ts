import type { ModelGateway, NodeChunk } from '@zhiliu/nodes'
import {
  type RecordedExchange,
  type RecordingFile,
  type RecordingPlace,
  readRecordingAt,
  writeRecordingAt,
} from './recording-file.ts'
import { chatRecorded, requestKey, transcriptionKeyed } from './request-key.ts'

export interface RecordingGateway extends ModelGateway {
  /** Resolves once every exchange so far is on disk. */
  flush(): Promise<void>
}

/**
 * Passes every call to `inner` and saves each successful request and response (with the streamed pieces) to
 * `file` (a path, or a source such as the server's file store), keyed by a hash of the request; exchanges already in the file are kept. A live demo then replays them.
 */
export function createRecordingGateway(inner: ModelGateway, file: RecordingPlace): RecordingGateway {
  let loaded: Promise<RecordingFile> | undefined
  // One write at a time, in call order: concurrent nodes must not interleave their writes to the one file.
  let writing: Promise<void> = Promise.resolve()

  function save(key: string, exchange: RecordedExchange): Promise<void> {
    loaded ??= readRecordingAt(file)
    const pending = loaded
    writing = writing.then(async () => {
      const recording = await pending
      recording.exchanges[key] = exchange
      await writeRecordingAt(file, recording)
    })
    return writing
  }

  const gateway: RecordingGateway = {
    async chat(request, signal, onChunk) {
      const chunks: NodeChunk[] = []
      const response = await inner.chat(request, signal, (chunk) => {
        chunks.push(chunk)
        onChunk?.(chunk)
      })
      await save(requestKey('chat', request), {
        kind: 'chat',
        request: chatRecorded(request),
        response,
        chunks,
        recordedAt: new Date().toISOString(),
      })
      return response
    },
    flush: () => writing,
  }
  const image = inner.image?.bind(inner)
  if (image) {
    gateway.image = async (request, signal) => {
      const response = await image(request, signal)
      await save(requestKey('image', request), {
        kind: 'image',
        request,
        response,
        recordedAt: new Date().toISOString(),
      })
      return response
    }
  }
  const speech = inner.speech?.bind(inner)
  if (speech) {
    gateway.speech = async (request, signal) => {
      const response = await speech(request, signal)
      const { audio, ...rest } = response
      await save(requestKey('speech', request), {
        kind: 'speech',
        request,
        response: { ...rest, audioBase64: Buffer.from(audio).toString('base64') },
        recordedAt: new Date().toISOString(),
      })
      return response
    }
  }
  const transcribe = inner.transcribe?.bind(inner)
  if (transcribe) {
    gateway.transcribe = async (request, signal) => {
      const response = await transcribe(request, signal)
      const keyed = transcriptionKeyed(request)
      await save(requestKey('transcribe', keyed), {
        kind: 'transcribe',
        request: keyed,
        response,
        recordedAt: new Date().toISOString(),
      })
      return response
    }
  }
  return gateway
}
