import { z } from 'zod'
import type { ChatMessage, NodeContext } from '../context.ts'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import {
  askModel,
  modelFields,
  modelOutputFields,
  modelReport,
  modelSettings,
  requiredText,
} from './ai-model-fields.ts'
import { findMedia, toDataUrl } from './find-media.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

export const aiVision = defineNode({
  type: 'ai.vision',
  version: 1,
  category: 'ai',
  title: t('AI 看图', 'AI vision'),
  description: t(
    '把一张图片和问题一起发给能看图的模型（如通义千问 VL、GPT-4o），得到文字回答。',
    'Sends an image with a question to a model that can see (Qwen-VL, GPT-4o…) and gets a text answer.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    ...modelFields,
    image: field(z.unknown().default(''), {
      widget: 'media',
      accept: 'image/*',
      label: t('图片', 'Image'),
      placeholder: t('{{ nodes.draw.images[0] }}', '{{ nodes.draw.images[0] }}'),
      help: t(
        '上传一张图片，或填以 https:// 开头的图片网址、前面节点保存的图片（它的 url 或 id）。本服务器保存的图片会直接发给模型，不需要公网能访问。',
        'Upload an image, or give an https:// image address or an image an earlier node stored (its url or id). Images kept on this server are sent along with the question, so they need not be reachable from the internet.',
      ),
    }),
    prompt: field(z.unknown().default('请描述这张图片。'), {
      required: true,
      widget: 'textarea',
      label: t('问题', 'Question'),
      placeholder: t('图里有几个人？', 'How many people are in the picture?'),
    }),
    systemPrompt: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('系统提示词', 'System prompt'),
    }),
  }),
  output: z.object({ text: z.string(), reasoning: z.string().optional(), ...modelOutputFields }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 180_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const url = await imageUrl(config.image, ctx)
    const system = toText(config.systemPrompt)
    const messages: ChatMessage[] = [
      ...(system.trim() ? [{ role: 'system' as const, content: system }] : []),
      {
        role: 'user',
        content: [
          { type: 'text', text: requiredText(config.prompt, 'The question') },
          { type: 'image', url },
        ],
      },
    ]
    const res = await askModel({ ...modelSettings(config), messages }, ctx)
    return { text: res.text, ...(res.reasoning ? { reasoning: res.reasoning } : {}), ...modelReport(res) }
  },
})

// What OpenAI and Qwen-VL take in one request, as their documentation says; a larger file fails there anyway.
const MAX_INLINE_IMAGE_BYTES = 20 * 1024 * 1024

/**
 * The image as the provider should get it. A stored image (generated or uploaded) lives at an address the provider
 * cannot reach — often localhost — so its bytes go inline as a data: URL; a web address goes as it is.
 */
async function imageUrl(value: unknown, ctx: NodeContext): Promise<string> {
  const source = await findMedia(value, ctx, 'image')
  if (source.kind !== 'stored') return source.url
  if (source.media.bytes.length > MAX_INLINE_IMAGE_BYTES) {
    throw new NodeError(
      'AI_IMAGE_TOO_LARGE',
      `The image is ${source.media.bytes.length} bytes; models take images up to ${MAX_INLINE_IMAGE_BYTES}`,
      { details: { bytes: source.media.bytes.length, maxBytes: MAX_INLINE_IMAGE_BYTES } },
    )
  }
  return toDataUrl(source.media)
}
