import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { gatewayMethod, mediaModelFields, mediaSettings, StoredFile } from './ai-media-fields.ts'
import { modelOutputFields, requiredText } from './ai-model-fields.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

export const aiSpeech = defineNode({
  type: 'ai.speech',
  version: 1,
  category: 'ai',
  title: t('AI 朗读（文字转语音）', 'AI speech'),
  description: t(
    '把一段文字交给语音模型读出来，音频保存在本服务器上，得到长期有效的地址。',
    'Has a voice model read a text aloud; the audio is kept on this server at an address that lasts.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    ...mediaModelFields,
    input: field(z.unknown().default(''), {
      required: true,
      widget: 'textarea',
      label: t('要朗读的文字', 'Text to read'),
      placeholder: t('{{ nodes.summarize.text }}', '{{ nodes.summarize.text }}'),
    }),
    voice: field(z.string().max(200).default(''), {
      widget: 'text',
      label: t('音色', 'Voice'),
      placeholder: t('留空使用服务的默认音色', "Empty: the provider's default voice"),
      help: t(
        'OpenAI 如 alloy、nova；硅基流动如 FunAudioLLM/CosyVoice2-0.5B:alex。',
        'OpenAI: alloy, nova…; SiliconFlow: FunAudioLLM/CosyVoice2-0.5B:alex…',
      ),
    }),
    format: field(z.enum(['mp3', 'wav', 'opus', 'aac', 'flac']).default('mp3'), {
      widget: 'select',
      label: t('音频格式', 'Audio format'),
      options: {
        mp3: t('MP3（通用）', 'MP3 (plays everywhere)'),
        wav: t('WAV（无压缩）', 'WAV (uncompressed)'),
        opus: t('Opus（体积小）', 'Opus (small)'),
        aac: t('AAC', 'AAC'),
        flac: t('FLAC（无损）', 'FLAC (lossless)'),
      },
    }),
    speed: field(z.number().min(0.25).max(4).optional(), {
      widget: 'number',
      label: t('语速', 'Speed'),
      help: t(
        '1 为正常语速，0.25 到 4；留空用默认值。',
        '1 is the normal pace, 0.25 to 4; empty uses the default.',
      ),
    }),
  }),
  output: z.object({ audio: StoredFile, ...modelOutputFields }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 180_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const speech = gatewayMethod(ctx.models, 'speech')
    const voice = toText(config.voice).trim()
    const res = await speech(
      {
        ...mediaSettings(config),
        input: requiredText(config.input, 'The text to read'),
        ...(voice ? { voice } : {}),
        format: config.format,
        ...(config.speed !== undefined ? { speed: config.speed } : {}),
      },
      ctx.signal,
    )
    const saved = await ctx.media.save({
      key: `${ctx.idempotencyKey}#0`,
      bytes: res.audio,
      mimeType: res.mimeType,
    })
    return {
      audio: { url: saved.url, mimeType: saved.mimeType, id: saved.id },
      model: res.model,
      provider: res.provider,
      // Counted in the run's usage like a chat call; speech is billed by characters, so no tokens.
      usage: { promptTokens: 0, completionTokens: 0 },
      ...(res.cost ? { cost: res.cost } : {}),
    }
  },
})
