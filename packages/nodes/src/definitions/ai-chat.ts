import { z } from 'zod'
import type { ChatMessage } from '../context.ts'
import { defineNode } from '../define-node.ts'
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

/** Earlier turns of a conversation, e.g. `{{ nodes.memory.messages }}`. */
const History = z
  .array(
    z.object({
      role: z.enum(['user', 'assistant']),
      content: z.string().max(100_000),
      // An assistant turn's `reasoning` output: DeepSeek's thinking mode refuses a history without it.
      reasoning: z.string().max(200_000).optional(),
    }),
  )
  .max(200)

export const aiChat = defineNode({
  type: 'ai.chat',
  version: 1,
  category: 'ai',
  title: t('AI 对话', 'AI chat'),
  description: t(
    '把提示词发给大模型（DeepSeek、通义千问、Kimi 等），得到一段回答；回答会边生成边显示。',
    'Sends a prompt to a language model (DeepSeek, Qwen, Kimi…) and gets an answer, shown as it is written.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    ...modelFields,
    systemPrompt: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('系统提示词', 'System prompt'),
      placeholder: t('你是一名认真负责的编辑。', 'You are a careful editor.'),
      help: t(
        '设定模型的身份和规矩，对每次提问都生效。',
        'Sets who the model is and its rules, for every question.',
      ),
    }),
    prompt: field(z.unknown().default(''), {
      required: true,
      widget: 'textarea',
      label: t('提示词', 'Prompt'),
      placeholder: t(
        '请用三句话总结：{{ trigger.body.text }}',
        'Summarise in three sentences: {{ trigger.body.text }}',
      ),
    }),
    history: field(History.default([]), {
      widget: 'messages',
      label: t('对话历史', 'Conversation history'),
      help: t(
        '可选：之前的几轮对话，每条写明是谁说的（用户或 AI）和说了什么。也可以改用 JSON，或填 {{ nodes.某节点.messages }} 引用别处的对话。',
        'Optional: earlier turns, each with who said it (the user or the AI) and what. You can switch to JSON instead, or refer to a conversation kept elsewhere with {{ nodes.some_node.messages }}.',
      ),
    }),
  }),
  output: z.object({
    text: z.string(),
    /** A reasoning model's thinking, apart from the answer. */
    reasoning: z.string().optional(),
    ...modelOutputFields,
  }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  // Reasoning models can think for minutes before answering.
  timeoutMs: 300_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const system = toText(config.systemPrompt)
    const messages: ChatMessage[] = [
      ...(system.trim() ? [{ role: 'system' as const, content: system }] : []),
      ...config.history,
      { role: 'user', content: requiredText(config.prompt, 'The prompt') },
    ]
    const res = await askModel({ ...modelSettings(config), messages }, ctx)
    return { text: res.text, ...(res.reasoning ? { reasoning: res.reasoning } : {}), ...modelReport(res) }
  },
})
