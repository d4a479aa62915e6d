import { z } from 'zod'
import type { ChatMessage } from '../context.ts'
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
      widget: 'template',
      label: t('图片地址', 'Image URL'),
      placeholder: t('{{ trigger.body.imageUrl }}', '{{ trigger.body.imageUrl }}'),
      help: t(
        '以 https:// 开头的图片网址，或上传图片得到的地址。模型服务会直接读取这个网址。',
        'An https:// image address, or the address of an uploaded image. The model provider reads it directly.',
      ),
    }),
    prompt: field(z.unknown().default('请描述这张图片。'), {
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
    const url = toText(config.image).trim()
    // The provider fetches the image itself; only public web addresses and inline images make sense to send.
    if (!/^(https?:\/\/|data:image\/)/i.test(url)) {
      throw new NodeError(
        'AI_IMAGE_INVALID',
        `The image must be an http(s) address or a data:image URL, got "${url.slice(0, 80)}"`,
      )
    }
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
