import { z } from 'zod'
import type { NodeContext } from '../context.ts'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { MEDIA_TYPES, normalMediaType, sniffMediaType } from '../media/media-types.ts'
import { field } from '../ui-hints.ts'
import { gatewayMethod, mediaModelFields, mediaSettings } from './ai-media-fields.ts'
import { modelOutputFields } from './ai-model-fields.ts'
import { downloadMedia } from './download-media.ts'
import { findMedia, fromDataUrl } from './find-media.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

// OpenAI's transcription API takes files up to 25 MB.
const MAX_AUDIO_BYTES = 25 * 1024 * 1024

export const aiTranscribe = defineNode({
  type: 'ai.transcribe',
  version: 1,
  category: 'ai',
  title: t('AI 语音转文字', 'AI transcribe'),
  description: t(
    '把一段录音（网址，或本服务器保存的音频）交给语音识别模型（如 Whisper、SenseVoice），得到文字。',
    'Turns a recording (a web address, or audio kept on this server) into text with a speech model (Whisper, SenseVoice…).',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    ...mediaModelFields,
    audio: field(z.unknown().default(''), {
      widget: 'media',
      accept: 'audio/*',
      label: t('音频', 'Audio'),
      placeholder: t('{{ nodes.speak.audio }}', '{{ nodes.speak.audio }}'),
      help: t(
        '上传一段录音，或填以 https:// 开头的音频网址、前面节点保存的音频（它的 url 或 id），或 Webhook 传来的 data:audio/…;base64 数据。最大 25 MB。',
        'Upload a recording, or give an https:// audio address, audio an earlier node stored (its url or id), or a data:audio/…;base64 value a webhook sent. Up to 25 MB.',
      ),
    }),
    language: field(z.string().max(20).default(''), {
      widget: 'text',
      label: t('语言', 'Language'),
      placeholder: t('zh', 'en'),
      help: t(
        'ISO-639-1 语言代码，如 zh、en；留空让模型自己判断。',
        'An ISO-639-1 code such as zh or en; empty lets the model tell.',
      ),
    }),
    prompt: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('提示（可选）', 'Prompt (optional)'),
      help: t(
        '帮助识别的词语：人名、地名、术语，或上一句话。',
        'Words that help: names, places, jargon, or the previous sentence.',
      ),
    }),
  }),
  output: z.object({
    text: z.string(),
    language: z.string().optional(),
    /** The recording's length, where the provider says. */
    durationSeconds: z.number().optional(),
    ...modelOutputFields,
  }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 300_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const language = toText(config.language).trim()
    if (language && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(language)) {
      throw new NodeError(
        'AI_LANGUAGE_INVALID',
        `The language must be a code such as zh or en, got "${language}"`,
      )
    }
    const { bytes, mimeType } = await readAudio(config.audio, ctx)
    const transcribe = gatewayMethod(ctx.models, 'transcribe')
    const prompt = toText(config.prompt).trim()
    const res = await transcribe(
      {
        ...mediaSettings(config),
        audio: bytes,
        mimeType,
        filename: `audio.${extensionOf(mimeType)}`,
        ...(language ? { language } : {}),
        ...(prompt ? { prompt } : {}),
      },
      ctx.signal,
    )
    const answered = res.language || language
    return {
      text: res.text,
      ...(answered ? { language: answered } : {}),
      ...(res.durationSeconds === undefined ? {} : { durationSeconds: res.durationSeconds }),
      model: res.model,
      provider: res.provider,
      usage: res.usage ?? { promptTokens: 0, completionTokens: 0 },
      ...(res.cost ? { cost: res.cost } : {}),
    }
  },
})

/**
 * Stored audio is read from the store, a data: URL decoded (a webhook caller's recording), audio on the web
 * downloaded: transcription APIs take only bytes.
 */
async function readAudio(value: unknown, ctx: NodeContext): Promise<{ bytes: Uint8Array; mimeType: string }> {
  const source = await findMedia(value, ctx, 'audio')
  if (source.kind === 'stored') return source.media
  const found =
    source.kind === 'inline'
      ? fromDataUrl(source.url, MAX_AUDIO_BYTES)
      : await downloadMedia(source.url, ctx, MAX_AUDIO_BYTES)
  if (!found) throw new NodeError('AI_AUDIO_INVALID', 'A data: URL with audio must be base64-encoded')
  const mimeType = sniffMediaType(found.bytes) ?? normalMediaType(found.mimeType) ?? found.mimeType
  if (/^(image|text)\//.test(mimeType) || found.bytes.length === 0) {
    throw new NodeError(
      'AI_AUDIO_INVALID',
      `"${source.url.slice(0, 80)}" is not audio (${mimeType || 'empty'})`,
    )
  }
  return { bytes: found.bytes, mimeType }
}

/** Providers tell the format by the file name, so it follows the bytes; Whisper knows `webm`, not `weba`. */
function extensionOf(mimeType: string): string {
  const known = normalMediaType(mimeType)
  if (known === 'audio/webm') return 'webm'
  if (known) return MEDIA_TYPES[known]
  return /^video\/(mp4|webm)$/.test(mimeType) ? mimeType.slice(6) : 'mp3'
}
