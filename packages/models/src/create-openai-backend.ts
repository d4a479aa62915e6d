import { type FetchLike, type NodeChunk, NodeError } from '@zhiliu/nodes'
import type OpenAI from 'openai'
import type { ChatCompletion, ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions'
import type { ChatBackend, ChatCall } from './chat-backend.ts'
import { isStrictReady } from './is-strict-ready.ts'
import { loadOpenAI } from './openai-sdk.ts'
import { readAudioReply, readTranscript } from './read-audio-reply.ts'
import { readChatStream, readCompletion } from './read-chat-stream.ts'
import { readImages } from './read-images.ts'
import { providerName, type ResolvedProvider } from './resolved-provider.ts'
import { toModelError } from './to-model-error.ts'
import { toOpenAIMessages } from './to-openai-messages.ts'

export interface OpenAIBackendOptions {
  fetch?: FetchLike
  /** Per request, until the response headers arrive; the engine's node timeout bounds the whole call. */
  timeoutMs?: number
}

/** An OpenAI SDK client for the provider, with the few ways providers differ in request shape applied. */
export async function createOpenAIClient(
  provider: ResolvedProvider,
  options: OpenAIBackendOptions = {},
): Promise<OpenAI> {
  const { fetch } = options
  const { default: OpenAI } = await loadOpenAI()
  return new OpenAI({
    baseURL: provider.baseURL,
    // Ollama and many self-hosted servers take no key, but the SDK insists on one.
    apiKey: provider.apiKey || 'no-key',
    // Retries belong to the engine, which honours Retry-After and records each attempt; the SDK must not add its own.
    maxRetries: 0,
    timeout: options.timeoutMs,
    logLevel: 'off',
    ...(fetch
      ? {
          fetch: (input: string | URL | Request, init?: RequestInit) =>
            fetch(input instanceof Request ? input.url : input, init),
        }
      : {}),
  })
}

export function createOpenAIBackend(
  provider: ResolvedProvider,
  options: OpenAIBackendOptions = {},
): ChatBackend {
  // Made by the first call, which loads the SDK (openai-sdk.ts); every later call reuses it.
  let made: Promise<OpenAI> | undefined
  const clientOf = () => {
    made ??= createOpenAIClient(provider, options)
    return made
  }
  const { preset } = provider
  const siteFor = (model: string) => ({
    name: providerName(provider),
    providerId: preset.id,
    model,
    baseURL: provider.baseURL,
  })

  function bodyFor(call: ChatCall): ChatCompletionCreateParamsBase {
    const body: ChatCompletionCreateParamsBase = {
      model: call.model,
      messages: toOpenAIMessages(call.messages, { echoReasoning: preset.echoReasoning === true }),
    }
    if (call.tools?.length) {
      body.tools = call.tools.map((tool) => ({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.parameters },
      }))
    }
    if (call.temperature !== undefined) body.temperature = call.temperature
    if (call.maxTokens !== undefined) body[preset.maxTokensField] = call.maxTokens
    const format = call.responseFormat
    if (format?.type === 'json_object') body.response_format = { type: 'json_object' }
    if (format?.type === 'json_schema') {
      body.response_format = {
        type: 'json_schema',
        json_schema: {
          name: format.name,
          schema: format.schema as Record<string, unknown>,
          strict: isStrictReady(format.schema),
        },
      }
    }
    return body
  }

  return {
    async complete(call, signal, onChunk?: (chunk: NodeChunk) => void) {
      const body = bodyFor(call)
      try {
        const read = preset.capabilities.streaming
          ? await readChatStream(
              await (await clientOf()).chat.completions.create(
                { ...body, stream: true, stream_options: { include_usage: true } },
                { signal },
              ),
              signal,
              onChunk,
            )
          : readCompletion(
              checkCompletion(
                await (await clientOf()).chat.completions.create({ ...body, stream: false }, { signal }),
              ),
              onChunk,
            )
        if (read.finishReason === 'content_filter') {
          throw new NodeError(
            'MODEL_CONTENT_FILTERED',
            `${providerName(provider)} (${call.model}): the provider's content filter withheld the answer`,
          )
        }
        return {
          text: read.text,
          ...(read.reasoning ? { reasoning: read.reasoning } : {}),
          ...(read.toolCalls.length > 0 ? { toolCalls: read.toolCalls } : {}),
          model: read.model || call.model,
          usage: read.usage,
        }
      } catch (err) {
        throw toModelError(err, siteFor(call.model), signal)
      }
    },

    async image(request, signal) {
      try {
        const res: unknown = await (await clientOf()).images.generate(
          {
            model: request.model,
            prompt: request.prompt,
            ...(request.size ? { size: request.size as '1024x1024' } : {}),
            ...(request.n ? { n: request.n } : {}),
          },
          { signal },
        )
        return { ...readImages(res), model: request.model }
      } catch (err) {
        throw toModelError(err, siteFor(request.model), signal)
      }
    },

    async speech(request, signal) {
      const format = request.format ?? 'mp3'
      try {
        const res = await (await clientOf()).audio.speech.create(
          {
            model: request.model,
            input: request.input,
            voice: request.voice,
            response_format: format,
            ...(request.speed !== undefined ? { speed: request.speed } : {}),
          },
          { signal },
        )
        return { ...(await readAudioReply(res, format)), model: request.model }
      } catch (err) {
        throw toModelError(err, siteFor(request.model), signal)
      }
    },

    async transcribe(request, signal) {
      try {
        const { toFile } = await loadOpenAI()
        const res: unknown = await (await clientOf()).audio.transcriptions.create(
          {
            file: await toFile(request.audio, request.filename, { type: request.mimeType }),
            model: request.model,
            response_format: 'json',
            ...(request.language ? { language: request.language } : {}),
            ...(request.prompt ? { prompt: request.prompt } : {}),
          },
          { signal },
        )
        return { ...readTranscript(res), model: request.model }
      } catch (err) {
        throw toModelError(err, siteFor(request.model), signal)
      }
    },
  }
}

/** A 200 that is not a completion (a proxy's HTML page, an unrelated API) must not become an empty answer. */
function checkCompletion(value: unknown): ChatCompletion {
  if (typeof value === 'object' && value !== null && Array.isArray((value as ChatCompletion).choices))
    return value as ChatCompletion
  const seen = typeof value === 'string' ? value.slice(0, 120) : JSON.stringify(value)?.slice(0, 120)
  throw new SyntaxError(`expected a chat completion, got: ${seen}`)
}
