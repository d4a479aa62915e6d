import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { type Localized, t } from '../localized.ts'
import { isDemoReceiver, sendToDemo } from '../publish/demo-receiver.ts'
import { checkMailAddresses } from '../publish/mail-address.ts'
import { checkMaxLength } from '../publish/max-length.ts'
import { optionalText, requireText } from '../publish/require-text.ts'
import { readSmtpSettings } from '../publish/smtp-settings.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'
import { readTextList } from './text-list.ts'

const MAX_RECIPIENTS = 50
const MAX_BODY_CHARS = 2_000_000

const recipients = (label: Localized, help: Localized) =>
  field(z.unknown().default(''), {
    widget: 'template',
    label,
    placeholder: t(
      'editor@example.com, 新闻部 <news@example.com>',
      'editor@example.com, News <news@example.com>',
    ),
    help,
  })

export const publishEmail = defineNode({
  type: 'publish.email',
  version: 1,
  category: 'publish',
  title: t('发送邮件', 'Send e-mail'),
  description: t(
    '通过 SMTP 邮件服务器发送 HTML 和纯文本邮件；同一次运行重试或恢复时不会重复发送。',
    'Sends an HTML and plain-text e-mail through an SMTP server; a retried or resumed run never sends it twice.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    credential: field(z.string().min(1, 'choose the SMTP credential').max(200), {
      widget: 'credential',
      credentialType: 'smtp',
      demoReceiver: true,
      label: t('邮件服务器', 'Mail server'),
      help: t(
        '保存为“SMTP 邮件服务器”凭据：服务器、端口、加密方式、用户名、密码和发件人。',
        'Saved as an "SMTP mail server" credential: host, port, encryption, user, password and sender.',
      ),
    }),
    to: recipients(
      t('收件人', 'To'),
      t('多个地址用逗号或换行隔开，最多 50 个。', 'Separate addresses with commas or new lines; at most 50.'),
    ),
    cc: recipients(t('抄送', 'Cc'), t('可选。', 'Optional.')),
    subject: field(z.unknown().default(''), {
      widget: 'text',
      label: t('主题', 'Subject'),
      placeholder: t('【今日要闻】{{ nodes.write.title }}', 'Today: {{ nodes.write.title }}'),
    }),
    html: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('HTML 正文', 'HTML body'),
      help: t(
        'HTML 和纯文本至少填一个；两个都填时，邮件客户端自己选。',
        'Fill in HTML, text or both; mail apps pick one.',
      ),
    }),
    text: field(z.unknown().default(''), { widget: 'textarea', label: t('纯文本正文', 'Text body') }),
  }),
  output: z.object({
    platform: z.literal('email'),
    /** The Message-ID header, the same on every retry of this step. */
    messageId: z.string(),
    /** The recipients the mail server took the message for. */
    accepted: z.array(z.string()),
    rejected: z.array(z.string()),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    /** True when this step had already sent the message (a retry or resume) and nothing was sent now. */
    duplicate: z.boolean(),
  }),
  retry: { maxAttempts: 3, backoffMs: 5000 },
  timeoutMs: 120_000,
  sideEffects: 'unkeyed',
  async run({ config }, ctx) {
    const to = checkMailAddresses(readTextList(config.to), 'to', MAX_RECIPIENTS)
    const cc = checkMailAddresses(readTextList(config.cc), 'cc', MAX_RECIPIENTS - to.length)
    if (to.length === 0) {
      throw new NodeError('PUBLISH_CONTENT_EMPTY', '"to" is empty; there is no one to send to', {
        details: { field: 'to' },
      })
    }
    // A line break in a header would end it; folded into spaces, the subject stays one header.
    const subject = checkMaxLength(
      requireText(config.subject, 'subject').replace(/\s+/g, ' ').trim(),
      500,
      'subject',
    )
    const html = checkMaxLength(optionalText(config.html), MAX_BODY_CHARS, 'html')
    const text = checkMaxLength(optionalText(config.text), MAX_BODY_CHARS, 'text')
    requireText(html || text, 'html')
    if (isDemoReceiver(config.credential)) {
      // Shown as text: the HTML body is never rendered in the editor.
      const receipt = await sendToDemo(ctx, {
        channel: 'email',
        title: subject,
        body: text || html,
        format: 'text',
      })
      const sent = { messageId: receipt.id, accepted: to, rejected: [], duplicate: receipt.duplicate }
      return { platform: 'email' as const, ...sent, to, cc, subject }
    }
    // Checked before the credential is opened: a bad address must not cost a credential read and a connection.
    const smtp = await readSmtpSettings(ctx, config.credential)
    const receipt = await ctx.publish.sendMail(
      { key: ctx.idempotencyKey, smtp, to, cc, subject, html, text },
      ctx.signal,
    )
    return { platform: 'email' as const, ...receipt, to, cc, subject }
  },
})
