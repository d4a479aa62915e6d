import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { checkHttpStatus } from '../publish/check-http-status.ts'
import { readReply } from '../publish/read-reply.ts'
import { sendPublishRequest } from '../publish/send-publish-request.ts'
import { signStandardWebhook, webhookMessageId } from '../publish/standard-webhook.ts'
import { field } from '../ui-hints.ts'
import { encodeBody } from './http-body.ts'
import { inPort, outPort } from './ports.ts'

export const publishWebhook = defineNode({
  type: 'publish.webhook',
  version: 1,
  category: 'publish',
  title: t('推送到网址（Webhook）', 'Send to webhook'),
  description: t(
    '把结果以 JSON 推送到任意网址，可按 Standard Webhooks 签名；重试不会让对方重复收到。',
    'POSTs the result as JSON to any URL, optionally signed (Standard Webhooks); retries never deliver twice.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    url: field(
      z.url({ protocol: /^https?$/, error: 'enter a full web address starting with http:// or https://' }),
      {
        widget: 'text',
        label: t('网址', 'URL'),
        placeholder: t('https://cms.example.com/hooks/zhiliu', 'https://cms.example.com/hooks/zhiliu'),
      },
    ),
    body: field(z.unknown().default(''), {
      widget: 'json',
      label: t('推送内容', 'Body'),
      placeholder: t('{"title": "{{ nodes.write.title }}"}', '{"title": "{{ nodes.write.title }}"}'),
      help: t(
        '写成 JSON，值里可以用 {{ }}；只填一个 {{ }} 时，引用的对象会原样发出。',
        'Write JSON with {{ }} in its values; a single {{ }} sends the referenced object as it is.',
      ),
    }),
    signing: field(z.string().max(200).default(''), {
      widget: 'credential',
      credentialType: 'webhook.signing',
      label: t('签名密钥', 'Signing secret'),
      help: t(
        '可选：选一个 whsec_ 开头的签名密钥，接收方就能验证消息确实来自这里、没被改过。',
        'Optional: a whsec_ secret lets the receiver verify the message came from here, unchanged.',
      ),
    }),
  }),
  output: z.object({
    platform: z.literal('webhook'),
    status: z.int(),
    /** The JSON body as sent. */
    sent: z.unknown(),
    response: z.unknown(),
    /** The `webhook-id` header: the same on every retry, so the receiver can drop repeats. */
    messageId: z.string(),
    /** The receiver said it already had this message (our own server answers a replayed id so). */
    duplicate: z.boolean(),
  }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 60_000,
  sideEffects: 'keyed',
  async run({ config }, ctx) {
    const encoded = encodeBody('json', config.body)
    if (!encoded) throw new NodeError('PUBLISH_CONTENT_EMPTY', 'The body is empty; there is nothing to send')
    const url = new URL(config.url)
    const messageId = await webhookMessageId(ctx.idempotencyKey)
    const headers = config.signing
      ? await signStandardWebhook({
          secret: (await ctx.secrets.get(config.signing, 'webhook.signing')).secret ?? '',
          id: messageId,
          nowMs: ctx.clock.now(),
          body: encoded.body,
        })
      : { 'webhook-id': messageId }
    const reply = await sendPublishRequest(ctx, {
      url,
      body: encoded.body,
      headers: { ...headers },
      idempotent: true,
    })
    const response = readReply(reply)
    const duplicate = isReplayed(reply.status, response)
    if (!duplicate) checkHttpStatus(reply, { name: url.host, idempotent: true })
    const sent: unknown = JSON.parse(encoded.body)
    return { platform: 'webhook' as const, status: reply.status, sent, response, messageId, duplicate }
  },
})

/**
 * Our own webhook trigger answers 401 SIGNATURE_REPLAYED to a webhook-id it accepted minutes ago, and checks the
 * signature first, so that answer proves the earlier attempt arrived: for this step that is success, not failure.
 */
function isReplayed(status: number, response: unknown): boolean {
  if (status !== 401 || typeof response !== 'object' || response === null || !('error' in response))
    return false
  const error = response.error
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'SIGNATURE_REPLAYED'
}
