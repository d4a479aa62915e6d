import { z } from 'zod'
import { fromBase64 } from '../base64.ts'
import type { GeneratedImage, NodeContext } from '../context.ts'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { gatewayMethod, mediaModelFields, mediaSettings, StoredFile } from './ai-media-fields.ts'
import { modelOutputFields, requiredText } from './ai-model-fields.ts'
import { downloadMedia } from './download-media.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

// A 4096×4096 PNG is about 20 MB; anything larger is not a picture a provider meant to send.
const MAX_IMAGE_BYTES = 20 * 1024 * 1024

export const aiImage = defineNode({
  type: 'ai.image',
  version: 1,
  category: 'ai',
  title: t('AI 生成图片', 'AI image'),
  description: t(
    '按描述让模型画图（如 GPT Image、可图 Kolors），图片保存在本服务器上，得到长期有效的地址。',
    'Has a model draw a picture from a description (GPT Image, Kolors…); the image is kept on this server at an address that lasts.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    ...mediaModelFields,
    prompt: field(z.unknown().default(''), {
      required: true,
      widget: 'textarea',
      label: t('画面描述', 'Prompt'),
      placeholder: t(
        '水彩风格的西湖断桥，清晨，薄雾：{{ trigger.body.topic }}',
        'A watercolour of a lighthouse at dawn: {{ trigger.body.topic }}',
      ),
    }),
    size: field(z.string().max(20).default(''), {
      widget: 'text',
      label: t('尺寸', 'Size'),
      placeholder: t('1024x1024', '1024x1024'),
      help: t(
        '宽x高，例如 1024x1024；留空用服务的默认尺寸。各家支持的尺寸不同。',
        "Width x height, e.g. 1024x1024; empty uses the provider's default. Providers accept different sizes.",
      ),
    }),
    n: field(z.int().min(1).max(4).default(1), {
      widget: 'number',
      label: t('张数', 'Number of images'),
    }),
  }),
  output: z.object({
    images: z.array(StoredFile),
    /** The prompt as the provider rewrote it before drawing, where it says so. */
    revisedPrompt: z.string().optional(),
    ...modelOutputFields,
  }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 300_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const size = toText(config.size).trim()
    if (size && !/^(\d{2,5}x\d{2,5}|auto)$/.test(size)) {
      throw new NodeError('AI_SIZE_INVALID', `The size must look like 1024x1024, got "${size.slice(0, 40)}"`)
    }
    const image = gatewayMethod(ctx.models, 'image')
    const res = await image(
      {
        ...mediaSettings(config),
        prompt: requiredText(config.prompt, 'The prompt'),
        ...(size ? { size } : {}),
        n: config.n,
      },
      ctx.signal,
    )
    const images: StoredFile[] = []
    for (const [index, generated] of res.images.entries()) {
      const { bytes, mimeType } = await imageBytes(generated, ctx)
      // One key per picture: a retry keeps the pictures stored before it, so a flow never references two versions.
      const saved = await ctx.media.save({ key: `${ctx.idempotencyKey}#${index}`, bytes, mimeType })
      images.push({ url: saved.url, mimeType: saved.mimeType, id: saved.id })
    }
    return {
      images,
      ...(res.revisedPrompt ? { revisedPrompt: res.revisedPrompt } : {}),
      model: res.model,
      provider: res.provider,
      // Counted like a chat call's, so the run's usage and cost include the pictures.
      usage: res.usage ?? { promptTokens: 0, completionTokens: 0 },
      ...(res.cost ? { cost: res.cost } : {}),
    }
  },
})

/** The provider sends bytes or a link to them; links expire within hours, so they are fetched now. */
async function imageBytes(image: GeneratedImage, ctx: NodeContext) {
  if (image.base64) {
    const bytes = fromBase64(image.base64)
    if (!bytes) throw new NodeError('MODEL_BAD_RESPONSE', 'The provider answered an image that is not base64')
    return { bytes, mimeType: image.mimeType }
  }
  if (!image.url)
    throw new NodeError('MODEL_BAD_RESPONSE', 'The provider answered an image with neither bytes nor a link')
  const downloaded = await downloadMedia(image.url, ctx, MAX_IMAGE_BYTES)
  return { bytes: downloaded.bytes, mimeType: downloaded.mimeType || image.mimeType }
}
