import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { outPort } from './ports.ts'
import { TriggerOutput, toTriggerOutput } from './trigger-output.ts'

/** One earlier turn as ai.chat's 对话历史 takes it: `{{ trigger.history }}`. */
export const ChatHistory = z
  .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(100_000) }))
  .max(200)
export type ChatHistory = z.infer<typeof ChatHistory>

/** What the chat route puts in the trigger event's body. */
export const ChatEventBody = z.object({
  message: z.string().min(1).max(4000),
  conversationId: z.string().min(1).max(100),
  history: ChatHistory.default([]),
})

/** What a run started elsewhere than the chat route may give: any part of the chat event. */
const TriedBody = z.object({
  message: z.string().max(4000).default(''),
  conversationId: z.string().max(100).default('editor'),
  history: ChatHistory.default([]),
})

/** The chat app's settings, read by the server from the published version (the node itself uses none of them). */
export const ChatSettings = z.object({
  slug: field(
    z
      .string()
      .regex(/^(?:[a-z0-9][a-z0-9_-]{0,63})?$/, 'use lowercase letters, digits, - and _ (at most 64)')
      .optional(),
    {
      widget: 'text',
      template: false,
      label: t('对话页地址', 'Chat address'),
      placeholder: t('例如 reader-qa，留空则用流程编号', "e.g. reader-qa; leave empty to use the flow's id"),
      help: t(
        '发布后对话页在 /chat/<地址>。只能用小写字母、数字、- 和 _。',
        'Once published the chat page is at /chat/<address>. Lowercase letters, digits, - and _ only.',
      ),
    },
  ),
  title: field(z.string().max(100).default(''), {
    widget: 'text',
    template: false,
    label: t('应用名称', 'App name'),
    placeholder: t('读者问答', 'Reader Q&A'),
  }),
  opening: field(z.string().max(2000).default(''), {
    widget: 'textarea',
    template: false,
    label: t('开场白', 'Opening message'),
    placeholder: t('你好！有什么可以帮你？', 'Hello! How can I help?'),
  }),
  suggestions: field(z.string().max(2000).default(''), {
    widget: 'textarea',
    template: false,
    label: t('推荐问题', 'Suggested questions'),
    help: t('每行一个，最多 6 个，显示在对话页开头。', 'One a line, at most 6, shown when a chat opens.'),
  }),
  historyTurns: field(z.int().min(0).max(20).default(5), {
    widget: 'number',
    label: t('记住最近几轮对话', 'Turns remembered'),
    help: t(
      '把同一会话最近几轮问答作为 {{ trigger.history }} 交给模型（填进 AI 对话的“对话历史”）。0 表示不记忆。',
      "The conversation's last turns, given to the model as {{ trigger.history }} (put it in AI chat's Conversation history). 0 remembers nothing.",
    ),
  }),
  perVisitorPerMinute: field(z.int().min(0).max(1000).default(10), {
    widget: 'number',
    label: t('每位访客每分钟最多提问', 'Questions per visitor per minute'),
    help: t(
      '防止有人刷接口耗尽模型额度；0 表示不限制。',
      'Keeps one visitor from using up your model quota; 0 means no limit.',
    ),
  }),
  accessCode: field(z.string().max(100).default(''), {
    widget: 'text',
    template: false,
    label: t('访问码（可选）', 'Access code (optional)'),
    help: t(
      '填写后，访客要先输入这个访问码才能提问。',
      'When set, visitors must enter this code before they can ask.',
    ),
  }),
})
export type ChatSettings = z.infer<typeof ChatSettings>

export const triggerChat = defineNode({
  type: 'trigger.chat',
  version: 1,
  category: 'trigger',
  title: t('对话触发', 'Chat trigger'),
  description: t(
    '发布后成为一个对话应用：网页对话、可嵌入网站的小窗口和对话接口。每条提问启动一次流程。',
    'Once published the flow is a chat app: a chat page, a widget for your site and a chat API. Each question starts a run.',
  ),
  inputs: [],
  outputs: [outPort],
  config: ChatSettings,
  output: TriggerOutput.extend({
    body: ChatEventBody,
    message: z.string(),
    conversationId: z.string(),
    history: ChatHistory,
  }),
  sideEffects: false,
  async run({ event }, ctx) {
    // A run from the editor or the CLI gives the question alone (or nothing): a conversation of its own, no history.
    const parsed = TriedBody.safeParse(event?.body)
    const body = parsed.success ? parsed.data : { message: '', conversationId: 'editor', history: [] }
    return { ...toTriggerOutput(body, event, ctx), body, ...body }
  },
})
