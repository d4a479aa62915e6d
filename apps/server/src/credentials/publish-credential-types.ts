import { z } from '@hono/zod-openapi'
import { t } from '@zhiliu/nodes'
import { defineCredentialType, httpUrl, optionalSecret, plain, secret } from './credential-fields.ts'
import { maskSecret, shorten } from './mask-secret.ts'

// A group bot's webhook address carries its key, so the whole address is a secret field: redacted once decrypted,
// never sent back. The nodes (packages/nodes/src/publish) check the key is really in it before sending.

const webhookUrl = (help: ReturnType<typeof t>) =>
  httpUrl('paste the whole webhook address, starting with https://').meta({
    writeOnly: true,
    ui: { widget: 'text', label: t('Webhook 地址', 'Webhook address'), help },
  })

const signingSecret = optionalSecret(
  t('加签密钥', 'Signing secret'),
  t(
    '机器人开启了“加签”/“签名校验”时填写；没开启就留空。',
    'Fill in when the bot has signing (加签 / signature check) turned on; otherwise leave it empty.',
  ),
)

/** `host · …last4` of the key inside the address: enough to tell two bots apart. */
function botHint(address: string | undefined, key: (url: URL) => string | undefined | null): string {
  if (!address || !URL.canParse(address)) return '…'
  const url = new URL(address)
  return `${shorten(url.host)} · ${maskSecret(key(url) ?? '')}`
}

/** The credentials the publish nodes ask for (`packages/nodes/src/definitions/publish-*.ts`). */
export const publishCredentialTypes = {
  'wecom.bot': defineCredentialType({
    label: t('企业微信群机器人', 'WeCom group bot'),
    description: t(
      '企业微信群里添加的机器人：它的 Webhook 地址，或地址里的 key。',
      'A bot added to a WeCom group: its webhook address, or the key in that address.',
    ),
    fields: z
      .strictObject({
        webhookUrl: optionalSecret(
          t('Webhook 地址', 'Webhook address'),
          t(
            '形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
            'Like https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
          ),
          httpUrl('paste the whole webhook address, starting with https://'),
        ),
        key: optionalSecret(
          t('机器人 key', 'Bot key'),
          t('只填地址里 key= 后面的部分也可以。', 'Or only the part after key= in the address.'),
        ),
      })
      .refine((d) => Boolean(d.webhookUrl || d.key?.trim()), {
        path: ['webhookUrl'],
        message: 'give the webhook address or its key',
      }),
    hint: (d) =>
      d.webhookUrl
        ? botHint(d.webhookUrl, (u) => u.searchParams.get('key'))
        : `key · ${maskSecret(d.key ?? '')}`,
  }),
  'dingtalk.bot': defineCredentialType({
    label: t('钉钉群机器人', 'DingTalk group bot'),
    description: t(
      '钉钉群里添加的自定义机器人：Webhook 地址，以及开启“加签”时的密钥（SEC 开头）。',
      'A custom bot in a DingTalk group: its webhook address and, with signing on, its secret (starting SEC).',
    ),
    fields: z.strictObject({
      webhookUrl: webhookUrl(
        t(
          '形如 https://oapi.dingtalk.com/robot/send?access_token=…',
          'Like https://oapi.dingtalk.com/robot/send?access_token=…',
        ),
      ),
      secret: signingSecret,
    }),
    hint: (d) => botHint(d.webhookUrl, (u) => u.searchParams.get('access_token')),
  }),
  'feishu.bot': defineCredentialType({
    label: t('飞书群机器人', 'Feishu group bot'),
    description: t(
      '飞书群里添加的自定义机器人：Webhook 地址，以及开启“签名校验”时的密钥。',
      'A custom bot in a Feishu group: its webhook address and, with signature checks on, its secret.',
    ),
    fields: z.strictObject({
      webhookUrl: webhookUrl(
        t(
          '形如 https://open.feishu.cn/open-apis/bot/v2/hook/…',
          'Like https://open.feishu.cn/open-apis/bot/v2/hook/…',
        ),
      ),
      secret: signingSecret,
    }),
    hint: (d) => botHint(d.webhookUrl, (u) => u.pathname.split('/hook/')[1]),
  }),
  'webhook.signing': defineCredentialType({
    label: t('Webhook 签名密钥', 'Webhook signing secret'),
    description: t(
      '推送到网址时用来签名（Standard Webhooks）；接收方用同一个密钥验证。',
      'Signs what "Send to webhook" posts (Standard Webhooks); the receiver verifies with the same secret.',
    ),
    fields: z.strictObject({
      // The same floor the signer and our own verifier set: 16 bytes of key, base64 after the prefix.
      secret: secret(
        t('密钥', 'Secret'),
        t('whsec_ 开头。', 'Starts with whsec_.'),
        z
          .string()
          .regex(
            /^whsec_[A-Za-z0-9+/]{22,}={0,2}$/,
            'a signing secret is "whsec_" followed by at least 16 bytes in base64',
          ),
      ),
    }),
    hint: (d) => `whsec_${maskSecret(d.secret.slice('whsec_'.length))}`,
  }),
  // Stored as text like every credential; `readSmtpSettings` in the nodes turns them into typed settings.
  smtp: defineCredentialType({
    label: t('邮件发送（SMTP）', 'E-mail (SMTP)'),
    description: t(
      '用来发邮件的 SMTP 服务器，例如企业邮箱或 QQ 邮箱（密码处填授权码）。',
      'The SMTP server e-mail is sent through, e.g. a company mailbox (some providers want an app password).',
    ),
    fields: z.strictObject({
      host: plain(
        z.string().trim().min(1).max(253),
        t('服务器', 'Server'),
        t('例如 smtp.exmail.qq.com', 'e.g. smtp.example.com'),
      ),
      port: plain(
        z
          .string()
          .trim()
          .regex(/^\d{0,5}$/, 'not a port number')
          .optional(),
        t('端口', 'Port'),
        t('留空按加密方式选：465、587 或 25。', 'Empty: 465, 587 or 25 by the encryption.'),
      ),
      secure: z
        .enum(['tls', 'starttls', 'none'])
        .optional()
        .meta({
          ui: {
            widget: 'select',
            label: t('加密方式', 'Encryption'),
            options: {
              tls: t('SSL/TLS（465）', 'SSL/TLS (465)'),
              starttls: t('STARTTLS（587）', 'STARTTLS (587)'),
              none: t('不加密（25，不推荐）', 'None (25, not recommended)'),
            },
          },
        }),
      user: plain(z.string().max(320).optional(), t('用户名', 'User name')),
      password: optionalSecret(t('密码或授权码', 'Password or app password')),
      from: plain(
        z.string().trim().min(3).max(320),
        t('发件人地址', 'From address'),
        t('例如 news@example.com', 'e.g. news@example.com'),
      ),
    }),
    hint: (d) => `${shorten(d.user || d.from)} @ ${shorten(d.host)}`,
  }),
}
