import { readFile, rename, writeFile } from 'node:fs/promises'
import type { ChatResponse, ImageResponse, TranscriptionResponse } from '@zhiliu/nodes'
import { z } from 'zod'

const Usage = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  reasoningTokens: z.number().optional(),
})

const Cost = z.object({ cny: z.number(), usd: z.number() })

const RecordedChatResponse = z.object({
  text: z.string(),
  reasoning: z.string().optional(),
  data: z.unknown().optional(),
  model: z.string(),
  provider: z.string(),
  usage: Usage,
  cost: Cost.optional(),
}) satisfies z.ZodType<ChatResponse>

const RecordedImageResponse = z.object({
  images: z.array(
    z.object({ base64: z.string().optional(), url: z.string().optional(), mimeType: z.string() }),
  ),
  model: z.string(),
  provider: z.string(),
  revisedPrompt: z.string().optional(),
  // Recordings made before images were priced have neither.
  usage: Usage.optional(),
  cost: Cost.optional(),
}) satisfies z.ZodType<ImageResponse>

/** Speech as the file keeps it: the audio in base64, as JSON holds no bytes. */
const RecordedSpeechResponse = z.object({
  audioBase64: z.string(),
  mimeType: z.string(),
  model: z.string(),
  provider: z.string(),
  // Recordings made before audio was priced have none.
  cost: Cost.optional(),
})

const RecordedTranscriptionResponse = z.object({
  text: z.string(),
  language: z.string().optional(),
  model: z.string(),
  provider: z.string(),
  durationSeconds: z.number().optional(),
  usage: Usage.optional(),
  cost: Cost.optional(),
}) satisfies z.ZodType<TranscriptionResponse>

export const RecordedExchange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('chat'),
    request: z.unknown(),
    response: RecordedChatResponse,
    /** Every streamed piece in order, so a replay streams the way the real run did. */
    chunks: z.array(z.object({ channel: z.enum(['text', 'reasoning', 'progress']), text: z.string() })),
    recordedAt: z.string(),
  }),
  z.object({
    kind: z.literal('image'),
    request: z.unknown(),
    response: RecordedImageResponse,
    recordedAt: z.string(),
  }),
  z.object({
    kind: z.literal('speech'),
    request: z.unknown(),
    response: RecordedSpeechResponse,
    recordedAt: z.string(),
  }),
  z.object({
    kind: z.literal('transcribe'),
    /** As keyed: the audio replaced by its SHA-256, so a recording does not carry every file it heard. */
    request: z.unknown(),
    response: RecordedTranscriptionResponse,
    recordedAt: z.string(),
  }),
])
export type RecordedExchange = z.infer<typeof RecordedExchange>

/** The file a recording writes and a replay reads: exchanges by request key. */
export const RecordingFile = z.object({
  version: z.literal(1),
  exchanges: z.record(z.string(), RecordedExchange),
})
export type RecordingFile = z.infer<typeof RecordingFile>

/**
 * Where a recording lives when it is not a file on disk (the server keeps lesson recordings in its FileStore). Reads a
 * missing recording as an empty one, like `readRecording`.
 */
export interface RecordingSource {
  /** Named in errors, as a file's path is. */
  readonly name: string
  read(): Promise<RecordingFile>
  write(file: RecordingFile): Promise<void>
}

/** A path on disk, or a source of another kind. */
export type RecordingPlace = string | RecordingSource

export const readRecordingAt = (place: RecordingPlace) =>
  typeof place === 'string' ? readRecording(place) : place.read()

export const writeRecordingAt = (place: RecordingPlace, file: RecordingFile) =>
  typeof place === 'string' ? writeRecording(place, file) : place.write(file)

export const recordingName = (place: RecordingPlace) => (typeof place === 'string' ? place : place.name)

/** Reads a recording; a missing file is an empty one, a damaged one is an error worth seeing. */
export async function readRecording(path: string): Promise<RecordingFile> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, exchanges: {} }
    throw err
  }
  const parsed = RecordingFile.safeParse(JSON.parse(text))
  if (!parsed.success)
    throw new Error(`${path} is not a Zhiliu model recording: ${parsed.error.issues[0]?.message ?? ''}`)
  return parsed.data
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a recording. */
export async function writeRecording(path: string, file: RecordingFile): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`)
  await rename(temp, path)
}
