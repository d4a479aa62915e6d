import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { wecomReply } from '../publish/bot-reply-formats.ts'
import { botCredentialField } from '../publish/credential-field.ts'
import { isDemoReceiver, sendBotToDemo } from '../publish/demo-receiver.ts'
import { botOutput } from '../publish/publish-output.ts'
import { readBotCredential } from '../publish/read-bot-credential.ts'
import { sendBotMessage } from '../publish/send-bot-message.ts'
import { buildWecomMessage } from '../publish/wecom-message.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

const Article = z.object({
  title: field(z.unknown().default(''), { widget: 'text', label: t('标题', 'Title') }),
  description: field(z.unknown().default(''), { widget: 'text', label: t('摘要', 'Description') }),
  url: field(z.unknown().default(''), {
    widget: 'text',
    label: t('点击后打开的网址', 'Link'),
    placeholder: t('https://news.example.com/a/1', 'https://news.example.com/a/1'),
  }),
  picurl: field(z.unknown().default(''), {
    widget: 'text',
    label: t('图片网址', 'Picture URL'),
    help: t(
      'JPG 或 PNG；大图 1068×455、小图 150×150 效果最好。',
      'JPG or PNG; 1068×455 (large) or 150×150 (small) look best.',
    ),
  }),
})

export const publishWecom = defineNode({
  type: 'publish.wecom',
  version: 1,
  category: 'publish',
  title: t('发到企业微信群', 'Post to WeCom group'),
  description: t(
    '通过企业微信群机器人，把文字、Markdown 或图文卡片发到群里。',
    'Posts text, Markdown or a news card to a WeCom group through its group bot.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    credential: botCredentialField(
      'wecom.bot',
      t('群机器人', 'Group bot'),
      t(
        '在群设置里添加机器人，把它的 Webhook 地址保存为“企业微信群机器人”凭据。地址里含密钥，请勿外传。',
        'Add a bot in the group settings and save its webhook address as a "WeCom group bot" credential. The address contains its key: keep it private.',
      ),
    ),
    msgtype: field(z.enum(['text', 'markdown', 'news']).default('text'), {
      widget: 'select',
      label: t('消息类型', 'Message type'),
      options: {
        text: t('文字（最多 2048 字节）', 'Text (up to 2048 bytes)'),
        markdown: t('Markdown（最多 4096 字节）', 'Markdown (up to 4096 bytes)'),
        news: t('图文卡片（1 到 8 条）', 'News card (1 to 8 articles)'),
      },
    }),
    content: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('内容', 'Content'),
      placeholder: t('【快讯】{{ nodes.write.text }}', 'Breaking: {{ nodes.write.text }}'),
      help: t(
        '文字和 Markdown 消息的正文。一个汉字占 3 个字节，文字消息约 680 字，Markdown 约 1360 字。',
        'The body of a text or Markdown message. Limits are in UTF-8 bytes: about 680 Chinese characters for text, 1360 for Markdown.',
      ),
    }),
    mentionMobiles: field(z.unknown().default(''), {
      widget: 'template',
      label: t('@ 提醒的手机号', 'Mention by mobile number'),
      placeholder: t('13800001111, 13900002222', '13800001111, 13900002222'),
      help: t(
        '只对文字消息有效；多个号码用逗号或换行隔开。',
        'Text messages only; separate numbers with commas or new lines.',
      ),
    }),
    mentionAll: field(z.boolean().default(false), {
      widget: 'switch',
      label: t('@ 所有人', 'Mention everyone'),
      help: t('只对文字消息有效。', 'Text messages only.'),
    }),
    articles: field(z.array(Article).max(8).default([]), {
      widget: 'list',
      label: t('图文', 'Articles'),
      help: t(
        '图文卡片的内容，1 到 8 条；标题和网址必填。',
        'The news card: 1 to 8 articles, each with a title and a link.',
      ),
    }),
  }),
  output: botOutput('wecom'),
  retry: { maxAttempts: 3, backoffMs: 5000 },
  timeoutMs: 60_000,
  sideEffects: 'unkeyed',
  async run({ config }, ctx) {
    // Built first, so that content over the limit fails before the credential is even opened.
    const body = buildWecomMessage(config)
    if (isDemoReceiver(config.credential)) {
      const news = config.articles.map(
        (a) => `**${toText(a.title)}**\n${toText(a.description)}\n${toText(a.url)}`,
      )
      return sendBotToDemo(ctx, 'wecom', body, {
        body: config.msgtype === 'news' ? news.join('\n\n') : config.content,
        format: config.msgtype === 'text' ? 'text' : 'markdown',
      })
    }
    const bot = await readBotCredential(ctx, config.credential, {
      type: 'wecom.bot',
      name: 'WeCom',
      keyIn: { query: 'key' },
      urlFrom: (fields) =>
        fields.key
          ? `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${encodeURIComponent(fields.key)}`
          : undefined,
    })
    return sendBotMessage(ctx, {
      platform: 'wecom',
      url: bot.url,
      body,
      redacted: body,
      format: wecomReply,
    })
  },
})
