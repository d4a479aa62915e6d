import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { answerFor, type ChatBody } from './fake-answer.ts'
import {
  sendBadKey,
  sendInvalidRequest,
  sendRateLimited,
  sendServerError,
  sendUnknownModel,
} from './fake-errors.ts'
import { type FakeOpenAIOptions, type FakeStep, isFault, type RecordedRequest } from './fake-step.ts'
import { sendImageFile, sendImages, sendSpeech, sendTranscript } from './media-endpoints.ts'
import { flatHeaders, readBody } from './read-request.ts'
import { sendEmbeddings, sendRerank } from './retrieval-endpoints.ts'
import { sendBrokenStream, sendCompletion, sendStream } from './send-chat.ts'
import { sleep } from './sleep.ts'

export interface FakeOpenAI {
  /** Base URL to give the SDK, `/v1` included. */
  readonly url: string
  /** Scheme, host and port: for base URLs with another path (`/compatible-mode/v1`, `/api/paas/v4`). */
  readonly origin: string
  /** Every request received, in order. */
  readonly requests: RecordedRequest[]
  /** The body of the request at `index` (negative counts from the end); throws when there is none. */
  bodyOf(index: number): unknown
  /** Queues answers or faults; each model request (chat, image, audio) takes the next one. */
  script(...steps: FakeStep[]): void
  /** Forgets recorded requests and unused scripted steps. */
  reset(): void
  close(): Promise<void>
}

const DEFAULT_MODELS = ['gpt-4o-mini', 'deepseek-chat', 'deepseek-reasoner', 'qwen-plus', 'glm-4-flash']

/**
 * A local server speaking the OpenAI wire protocol over real HTTP on 127.0.0.1, so tests exercise the real `openai`
 * SDK: its request encoding, SSE parsing and error classes. Routes match on the path's end, so any base-URL prefix
 * a provider uses works.
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const apiKey = options.apiKey === undefined ? 'sk-fake-key' : options.apiKey
  const requests: RecordedRequest[] = []
  const queue: FakeStep[] = []
  let origin = ''

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname
    const parsed = await readBody(req)
    requests.push({
      method: req.method ?? '',
      path,
      headers: flatHeaders(req),
      body: parsed.ok ? parsed.value : undefined,
    })
    if (req.method === 'GET' && path.startsWith('/files/')) return sendImageFile(res)
    const key = (req.headers.authorization ?? '').replace(/^Bearer /, '')
    if (apiKey !== null && key !== apiKey) return sendBadKey(res, key)
    if (req.method === 'GET' && path.endsWith('/models')) {
      const data = (options.models ?? DEFAULT_MODELS).map((id) => ({
        id,
        object: 'model',
        created: 1_700_000_000,
        owned_by: 'fake',
      }))
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ object: 'list', data }))
    }
    if (req.method !== 'POST') return sendInvalidRequest(res, `Unknown route ${req.method} ${path}`)
    if (!parsed.ok) return sendInvalidRequest(res, parsed.reason)

    // Retrieval calls take no scripted step: a test scripts the chat answers around them.
    if (path.endsWith('/embeddings'))
      return sendEmbeddings(res, parsed.value as Record<string, unknown> | undefined)
    if (path.endsWith('/rerank')) return sendRerank(res, parsed.value as Record<string, unknown> | undefined)
    const step = queue.shift()
    const fault = step && isFault(step) ? step : undefined
    const scripted = step && !isFault(step) ? step : undefined
    const delayMs = fault ? 0 : (scripted?.delayMs ?? options.delayMs ?? 0)
    if (delayMs > 0) await sleep(delayMs)
    const body = parsed.value as Record<string, unknown> | undefined
    const model = typeof body?.model === 'string' ? body.model : ''
    if (fault) {
      switch (fault.fault) {
        case 'rate_limit':
          return sendRateLimited(res, fault.retryAfter)
        case 'server_error':
          return sendServerError(res, fault.status)
        case 'unknown_model':
          return sendUnknownModel(res, model)
        case 'bad_key':
          return sendBadKey(res, key)
        case 'invalid_json':
          if (body?.stream === true) return sendBrokenStream(res)
          res.writeHead(200, { 'content-type': 'application/json' })
          return void res.end('{"id": "chatcmpl-broken", "choices": [{"message": {"content": "Hel')
      }
    }
    if (path.endsWith('/images/generations')) return sendImages(res, body ?? {}, origin, scripted)
    if (path.endsWith('/audio/transcriptions')) return sendTranscript(res, body, scripted)
    if (path.endsWith('/audio/speech')) return sendSpeech(res, body)
    if (!path.endsWith('/chat/completions')) return sendInvalidRequest(res, `Unknown route POST ${path}`)

    if (!model || !Array.isArray(body?.messages)) {
      return sendInvalidRequest(res, 'model and messages are required')
    }
    if (options.models && !options.models.includes(model)) return sendUnknownModel(res, model)
    const chat = body as unknown as ChatBody
    const answer = answerFor(chat, scripted)
    if (chat.stream !== true) return sendCompletion(res, chat, answer)
    await sendStream(res, chat, answer, {
      chunkSize: options.chunkSize ?? 4,
      chunkDelayMs: scripted?.chunkDelayMs ?? options.chunkDelayMs ?? 0,
      cutAfterChunks: scripted?.cutAfterChunks,
    })
  }

  const server = createServer((req, res) => {
    // A client that gave up (an aborted test request) must not crash the fake.
    res.on('error', () => {})
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendServerError(res)
      else res.destroy(err instanceof Error ? err : undefined)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: `${origin}/v1`,
    origin,
    requests,
    bodyOf(index) {
      const request = requests.at(index)
      if (!request)
        throw new Error(`the fake OpenAI server received no request #${index} (${requests.length} in all)`)
      return request.body
    },
    script: (...steps) => void queue.push(...steps),
    reset() {
      requests.length = 0
      queue.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
