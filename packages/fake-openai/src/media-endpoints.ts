import type { ServerResponse } from 'node:http'
import { sendInvalidRequest } from './fake-errors.ts'
import type { FakeAnswer } from './fake-step.ts'

/** A 1×1 PNG: a real image file, so a caller that decodes or stores it works end to end. */
export const FAKE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

interface ImageBody {
  model?: unknown
  prompt?: unknown
  n?: number
  response_format?: 'url' | 'b64_json'
}

/**
 * `POST /images/generations`: b64_json by default (as gpt-image-1 answers), a URL this server serves on request or
 * when the scripted step says so.
 */
export function sendImages(
  res: ServerResponse,
  body: ImageBody,
  origin: string,
  scripted: FakeAnswer | undefined,
): void {
  if (typeof body?.prompt !== 'string' || body.prompt === '') {
    sendInvalidRequest(res, 'prompt is required')
    return
  }
  const n = Math.min(Math.max(body.n ?? 1, 1), 4)
  const asUrl = (scripted?.imageAs ?? body.response_format) === 'url'
  const data = Array.from({ length: n }, (_, i) =>
    asUrl
      ? { url: `${origin}/files/fake-image-${i + 1}.png`, revised_prompt: body.prompt }
      : { b64_json: FAKE_PNG.toString('base64'), revised_prompt: body.prompt },
  )
  // gpt-image-1 is billed by tokens and says how many; DALL·E and the others, billed by the picture, do not.
  const usage = String(body.model).startsWith('gpt-image')
    ? {
        input_tokens: Math.ceil(body.prompt.length / 2),
        output_tokens: IMAGE_TOKENS * n,
        total_tokens: Math.ceil(body.prompt.length / 2) + IMAGE_TOKENS * n,
      }
    : undefined
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ created: 1_700_000_000, data, ...(usage ? { usage } : {}) }))
}

/** What gpt-image-1 reports for one 1024×1024 picture at medium quality. */
export const IMAGE_TOKENS = 1056

export function sendImageFile(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(FAKE_PNG.length) })
  res.end(FAKE_PNG)
}

type FormFile = { name: string; size: number; type: string }

/** `POST /audio/transcriptions` (multipart): a transcript naming the file it was given, or the scripted text. */
export function sendTranscript(
  res: ServerResponse,
  fields: Record<string, unknown> | undefined,
  scripted: FakeAnswer | undefined,
): void {
  const file = fields?.file as FormFile | undefined
  if (!file || typeof file !== 'object' || typeof fields?.model !== 'string') {
    sendInvalidRequest(res, 'file and model are required (multipart/form-data)')
    return
  }
  const text = scripted?.content ?? `Fake transcript of ${file.name} (${file.size} bytes)`
  if (fields.response_format === 'text') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(text)
    return
  }
  // whisper-1 says how long the audio was, as it is billed by the minute; the fake takes 16 kB as one second.
  const usage =
    fields.model === 'whisper-1' ? { type: 'duration', seconds: fakeSeconds(file.size) } : undefined
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ text, ...(usage ? { usage } : {}) }))
}

/** The length the fake reports for an uploaded recording of `bytes`. */
export function fakeSeconds(bytes: number): number {
  return Math.max(1, Math.round(bytes / 16_000))
}

/** `POST /audio/speech`: bytes that say what was asked, so a test can check the input made it through. */
export function sendSpeech(
  res: ServerResponse,
  body: { input?: unknown; voice?: unknown } | undefined,
): void {
  if (typeof body?.input !== 'string' || typeof body.voice !== 'string') {
    sendInvalidRequest(res, 'input and voice are required')
    return
  }
  const audio = Buffer.from(`FAKE-AUDIO voice=${body.voice}: ${body.input}`)
  res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(audio.length) })
  res.end(audio)
}
