import { type ChatMessage, type NodeChunk, NodeError } from '@zhiliu/nodes'
import type { ChatBackend, ChatCall } from './chat-backend.ts'
import {
  builtinDemoScripts,
  builtinStructuredDemoScripts,
  type DemoInput,
  type DemoScript,
  demoAnswer,
  demoReasoning,
  templateDemoScripts,
} from './demo-answers.ts'
import { demoImageSize, demoPng, demoWav, demoWavText, wavSeconds } from './demo-media.ts'
import { demoToolTurn } from './demo-tool-session.ts'
import { sampleFromSchema } from './sample-from-schema.ts'
import { textOf } from './to-openai-messages.ts'

export interface DemoOptions {
  /** Pause before each streamed piece; about 20 ms reads like a quick real model. 0 in tests. */
  chunkDelayMs?: number
  /** Characters per streamed piece. */
  chunkSize?: number
  /** Extra scripted answers by `demoKey` (templates bring their own); they win over the built-in ones. */
  scripts?: Record<string, DemoScript>
}

/**
 * The offline demo model: no network, deterministic, shaped like real output (streamed text, reasoning for
 * `demo-reasoner`, JSON that fits the requested schema, usage counted by characters), and colour-card PNGs, tone
 * WAVs and scripted transcripts for the media nodes.
 */
export function createDemoBackend(options: DemoOptions = {}): ChatBackend {
  const scripts = { ...builtinDemoScripts, ...templateDemoScripts, ...options.scripts }
  const delay = options.chunkDelayMs ?? 20
  const size = options.chunkSize ?? 3

  async function stream(
    text: string,
    channel: NodeChunk['channel'],
    signal: AbortSignal,
    onChunk?: (c: NodeChunk) => void,
  ) {
    const chars = [...text]
    for (let i = 0; i < chars.length; i += size) {
      if (delay > 0) await pause(delay, signal)
      signal.throwIfAborted()
      onChunk?.({ channel, text: chars.slice(i, i + size).join('') })
    }
  }

  /** With tools: the scripted session (demo-tool-session.ts), its answer streamed like any other. */
  async function toolTurn(call: ChatCall, signal: AbortSignal, onChunk?: (c: NodeChunk) => void) {
    const turn = demoToolTurn(call.messages, call.tools ?? [])
    const text = 'text' in turn ? turn.text : ''
    await stream(text, 'text', signal, onChunk)
    const promptChars = call.messages.reduce((sum, m) => sum + [...textOf(m.content)].length, 0)
    const calledChars =
      'toolCalls' in turn ? turn.toolCalls.reduce((sum, c) => sum + c.arguments.length, 0) : 0
    return {
      text,
      ...('toolCalls' in turn ? { toolCalls: turn.toolCalls } : {}),
      model: call.model,
      usage: { promptTokens: promptChars, completionTokens: [...text].length + calledChars },
    }
  }

  return {
    async complete(call, signal, onChunk) {
      signal.throwIfAborted()
      if (call.tools?.length) return toolTurn(call, signal, onChunk)
      const input = demoInput(call.messages)
      const format = call.responseFormat
      const text =
        format?.type === 'json_schema'
          ? JSON.stringify(structuredAnswer(format.schema, call.demoKey, input))
          : format?.type === 'json_object'
            ? JSON.stringify({ answer: demoAnswer(input, call.demoKey, scripts) })
            : demoAnswer(input, call.demoKey, scripts)
      const reasoning = /reason/.test(call.model) ? demoReasoning(input) : ''
      await stream(reasoning, 'reasoning', signal, onChunk)
      await stream(text, 'text', signal, onChunk)
      const promptChars = call.messages.reduce((sum, m) => sum + [...textOf(m.content)].length, 0)
      const reasoningTokens = [...reasoning].length
      return {
        text,
        ...(reasoning ? { reasoning } : {}),
        model: call.model,
        usage: {
          promptTokens: promptChars,
          completionTokens: [...text].length + reasoningTokens,
          ...(reasoningTokens ? { reasoningTokens } : {}),
        },
      }
    },

    async image(request, signal) {
      signal.throwIfAborted()
      if (!request.prompt.trim())
        throw new NodeError('MODEL_REQUEST_REJECTED', 'Demo model: the image prompt is empty')
      const size = demoImageSize(request.size)
      const images = Array.from({ length: request.n ?? 1 }, (_, index) => ({
        base64: demoPng(request.prompt, index, size).toString('base64'),
        mimeType: 'image/png',
      }))
      return { images, model: request.model }
    },

    async speech(request, signal) {
      signal.throwIfAborted()
      if (!request.input.trim())
        throw new NodeError('MODEL_REQUEST_REJECTED', 'Demo model: the text is empty')
      // Whatever format was asked for: the demo only writes WAV, and says so in the type.
      return { audio: demoWav(request.input), mimeType: 'audio/wav', model: request.model }
    },

    async transcribe(request, signal) {
      signal.throwIfAborted()
      const text =
        demoWavText(request.audio) ??
        `（演示转写）收到一段 ${request.audio.length} 字节的录音。Demo transcript: the offline demo model does not listen.`
      const durationSeconds = wavSeconds(request.audio)
      return {
        text,
        language: request.language || 'zh',
        model: request.model,
        ...(durationSeconds === undefined ? {} : { durationSeconds }),
      }
    },
  }
}

/**
 * The schema-shaped sample, with each field a template's structured script (by `demoKey`) answers taken from the
 * script: a field the flow's author added or removed since keeps the answer fitting the schema.
 */
function structuredAnswer(schema: unknown, demoKey: string | undefined, input: DemoInput): unknown {
  const sample = sampleFromSchema(schema, input.prompt)
  const script =
    demoKey && Object.hasOwn(builtinStructuredDemoScripts, demoKey)
      ? builtinStructuredDemoScripts[demoKey]
      : undefined
  if (!script || typeof sample !== 'object' || sample === null || Array.isArray(sample)) return sample
  const scripted = script(input)
  return Object.fromEntries(
    Object.entries(sample).map(([key, value]) => [key, Object.hasOwn(scripted, key) ? scripted[key] : value]),
  )
}

function demoInput(messages: readonly ChatMessage[]): DemoInput {
  const last = messages.findLast((m) => m.role === 'user')
  const images =
    typeof last?.content === 'string' ? 0 : (last?.content.filter((p) => p.type === 'image').length ?? 0)
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => textOf(m.content))
    .join('\n')
  return { prompt: last ? textOf(last.content) : '', system, images }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
