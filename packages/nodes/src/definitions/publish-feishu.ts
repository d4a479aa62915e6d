import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { feishuReply } from '../publish/bot-reply-formats.ts'
import { checkByteLimit } from '../publish/content-limit.ts'
import { botCredentialField } from '../publish/credential-field.ts'
import { isDemoReceiver, sendBotToDemo } from '../publish/demo-receiver.ts'
import { buildFeishuMessage, feishuColors } from '../publish/feishu-message.ts'
import { signFeishu } from '../publish/feishu-sign.ts'
import { botOutput, REDACTED } from '../publish/publish-output.ts'
import { readBotCredential } from '../publish/read-bot-credential.ts'
import { sendBotMessage } from '../publish/send-bot-message.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'

/** Feishu refuses request bodies over 20 KB (code 9499); checked before sending, with room to spare. */
const FEISHU_BODY_BYTES = 20_000

const colorLabels = {
  blue: t('蓝', 'Blue'),
  wathet: t('浅蓝', 'Light blue'),
  turquoise: t('青', 'Turquoise'),
  green: t('绿', 'Green'),
  yellow: t('黄', 'Yellow'),
  orange: t('橙', 'Orange'),
  red: t('红', 'Red'),
  grey: t('灰', 'Grey'),
}

export const publishFeishu = defineNode({
  type: 'publish.feishu',
  version: 1,
  category: 'publish',
  title: t('发到飞书群', 'Post to Feishu group'),
  description: t(
    '通过飞书自定义机器人，把文字、富文本或消息卡片发到群里；支持“签名校验”安全设置。',
    'Posts text, rich text or a message card to a Feishu group through a custom bot, with its signature check.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    credential: botCredentialField(
      'feishu.bot',
      t('自定义机器人', 'Custom bot'),
      t(
        '保存机器人的 Webhook 地址；安全设置开了“签名校验”时，把密钥也填进凭据。',
        "Save the bot's webhook address; if its security setting checks signatures, add the secret too.",
      ),
    ),
    msgtype: field(z.enum(['text', 'post', 'interactive']).default('text'), {
      widget: 'select',
      label: t('消息类型', 'Message type'),
      options: {
        text: t('文字', 'Text'),
        post: t('富文本', 'Rich text'),
        interactive: t('消息卡片', 'Message card'),
      },
    }),
    title: field(z.unknown().default(''), {
      widget: 'text',
      label: t('标题', 'Title'),
      help: t('富文本可不填，消息卡片必填。', 'Optional for rich text, required for a card.'),
    }),
    content: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('内容', 'Content'),
      placeholder: t('{{ nodes.summary.text }}', '{{ nodes.summary.text }}'),
      help: t(
        '富文本每行一段；消息卡片的内容按 Markdown 显示。',
        'Rich text: each line is a paragraph. Card: the content is shown as Markdown.',
      ),
    }),
    linkUrl: field(z.unknown().default(''), {
      widget: 'text',
      label: t('链接网址', 'Link URL'),
      help: t(
        '富文本会多一行链接，消息卡片会多一个按钮；可不填。',
        'Adds a link line to rich text or a button to a card; optional.',
      ),
    }),
    linkText: field(z.unknown().default(''), {
      widget: 'text',
      label: t('链接文字', 'Link text'),
      placeholder: t('查看详情', 'Read more'),
    }),
    color: field(z.enum(feishuColors).default('blue'), {
      widget: 'select',
      label: t('卡片颜色', 'Card colour'),
      options: colorLabels,
    }),
    atAll: field(z.boolean().default(false), {
      widget: 'switch',
      label: t('@ 所有人', 'Mention everyone'),
      help: t(
        '群里设置了“仅群主和管理员可 @ 所有人”时，机器人无法 @ 所有人。',
        'Does not work when only the group owner and admins may mention everyone.',
      ),
    }),
  }),
  output: botOutput('feishu'),
  retry: { maxAttempts: 3, backoffMs: 5000 },
  timeoutMs: 60_000,
  sideEffects: 'unkeyed',
  async run({ config }, ctx) {
    const message = buildFeishuMessage(config)
    if (isDemoReceiver(config.credential)) {
      return sendBotToDemo(ctx, 'feishu', message, {
        title: config.msgtype === 'text' ? '' : config.title,
        body: config.content,
        format: config.msgtype === 'text' ? 'text' : 'markdown',
      })
    }
    const bot = await readBotCredential(ctx, config.credential, {
      type: 'feishu.bot',
      name: 'Feishu',
      keyIn: { pathAfter: '/hook/' },
    })
    const signature = bot.secret ? await signFeishu(bot.secret, ctx.clock.now()) : undefined
    const body = signature ? { ...signature, ...message } : message
    checkByteLimit(JSON.stringify(body), {
      bytes: FEISHU_BODY_BYTES,
      what: 'A Feishu bot message',
      field: 'content',
    })
    return sendBotMessage(ctx, {
      platform: 'feishu',
      url: bot.url,
      body,
      redacted: signature ? { ...body, sign: REDACTED } : body,
      format: feishuReply,
    })
  },
})
