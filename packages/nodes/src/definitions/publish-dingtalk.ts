import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { dingtalkReply } from '../publish/bot-reply-formats.ts'
import { botCredentialField } from '../publish/credential-field.ts'
import { isDemoReceiver, sendBotToDemo } from '../publish/demo-receiver.ts'
import { buildDingtalkMessage } from '../publish/dingtalk-message.ts'
import { signDingtalkUrl } from '../publish/dingtalk-sign.ts'
import { botOutput } from '../publish/publish-output.ts'
import { readBotCredential } from '../publish/read-bot-credential.ts'
import { sendBotMessage } from '../publish/send-bot-message.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'

const Button = z.object({
  title: field(z.unknown().default(''), { widget: 'text', label: t('按钮文字', 'Button text') }),
  url: field(z.unknown().default(''), { widget: 'text', label: t('点击后打开的网址', 'Link') }),
})

export const publishDingtalk = defineNode({
  type: 'publish.dingtalk',
  version: 1,
  category: 'publish',
  title: t('发到钉钉群', 'Post to DingTalk group'),
  description: t(
    '通过钉钉自定义机器人，把文字、Markdown、链接或卡片发到群里；支持“加签”安全设置。',
    'Posts text, Markdown, a link or an action card to a DingTalk group through a custom robot, with its signing.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    credential: botCredentialField(
      'dingtalk.bot',
      t('自定义机器人', 'Custom robot'),
      t(
        '保存机器人的 Webhook 地址；安全设置选了“加签”时，把 SEC 开头的密钥也填进凭据。',
        'Save the robot\'s webhook address; if its security setting is "signing", add the secret starting with SEC too.',
      ),
    ),
    msgtype: field(z.enum(['text', 'markdown', 'link', 'actionCard']).default('text'), {
      widget: 'select',
      label: t('消息类型', 'Message type'),
      options: {
        text: t('文字', 'Text'),
        markdown: t('Markdown', 'Markdown'),
        link: t('链接', 'Link'),
        actionCard: t('卡片（带按钮）', 'Action card (with buttons)'),
      },
    }),
    title: field(z.unknown().default(''), {
      widget: 'text',
      label: t('标题', 'Title'),
      help: t(
        'Markdown、链接和卡片消息必填；会显示在通知和会话列表里。',
        'Required for Markdown, link and action card messages; shown in notifications and the chat list.',
      ),
    }),
    content: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('内容', 'Content'),
      placeholder: t('【通知】{{ nodes.notice.text }}', 'Notice: {{ nodes.notice.text }}'),
      help: t(
        '机器人设置了自定义关键词时，内容里必须包含其中一个关键词。',
        'When the robot has custom keywords, the content must contain one of them.',
      ),
    }),
    url: field(z.unknown().default(''), {
      widget: 'text',
      label: t('链接网址', 'Link URL'),
      help: t('链接消息点击后打开的网址。', 'Where a link message opens.'),
    }),
    picUrl: field(z.unknown().default(''), {
      widget: 'text',
      label: t('图片网址', 'Picture URL'),
      help: t('链接消息的配图，可不填。', 'Optional picture of a link message.'),
    }),
    buttons: field(z.array(Button).max(5).default([]), {
      widget: 'list',
      label: t('卡片按钮', 'Card buttons'),
      help: t(
        '卡片消息的按钮：一个按钮时整张卡片可点，多个时各自跳转。',
        'Action card buttons: with one, the whole card is the link; with several, each button has its own.',
      ),
    }),
    atMobiles: field(z.unknown().default(''), {
      widget: 'template',
      label: t('@ 提醒的手机号', 'Mention by mobile number'),
      placeholder: t('13800001111, 13900002222', '13800001111, 13900002222'),
      help: t(
        '只对文字和 Markdown 消息有效；要在内容里写上“@手机号”，提醒才会显示出来。',
        'Text and Markdown only; write "@mobile" in the content too, or the mention does not show.',
      ),
    }),
    atAll: field(z.boolean().default(false), {
      widget: 'switch',
      label: t('@ 所有人', 'Mention everyone'),
      help: t('只对文字和 Markdown 消息有效。', 'Text and Markdown only.'),
    }),
  }),
  output: botOutput('dingtalk'),
  retry: { maxAttempts: 3, backoffMs: 5000 },
  timeoutMs: 60_000,
  sideEffects: 'unkeyed',
  async run({ config }, ctx) {
    const body = buildDingtalkMessage(config)
    if (isDemoReceiver(config.credential)) {
      return sendBotToDemo(ctx, 'dingtalk', body, {
        title: config.msgtype === 'text' ? '' : config.title,
        body: config.content,
        format: config.msgtype === 'text' ? 'text' : 'markdown',
      })
    }
    const bot = await readBotCredential(ctx, config.credential, {
      type: 'dingtalk.bot',
      name: 'DingTalk',
      keyIn: { query: 'access_token' },
    })
    // The signature is in the query, not the body, so `sent` needs no redaction.
    const url = bot.secret ? await signDingtalkUrl(bot.url, bot.secret, ctx.clock.now()) : bot.url
    return sendBotMessage(ctx, {
      platform: 'dingtalk',
      url,
      body,
      redacted: body,
      format: dingtalkReply,
    })
  },
})
