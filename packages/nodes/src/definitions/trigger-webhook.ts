import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { bodySchemaFor, inputSchemaField, validateBody } from './input-schema.ts'
import { outPort } from './ports.ts'
import { TriggerOutput, toTriggerOutput, triggerOutputFor } from './trigger-output.ts'

const config = z.object({
  // Empty means the server picks the address from the flow's id; a custom one must be safe in a URL as it stands.
  path: field(
    z
      .string()
      .regex(/^(?:[a-z0-9][a-z0-9_-]{0,63})?$/, 'use lowercase letters, digits, - and _ (at most 64)')
      .optional(),
    {
      widget: 'text',
      template: false,
      label: t('自定义地址', 'Custom path'),
      placeholder: t('例如 news-submit,留空则自动生成', 'e.g. news-submit; leave empty to generate one'),
      help: t('只能用小写字母、数字、- 和 _。', 'Lowercase letters, digits, - and _ only.'),
    },
  ),
  responseMode: field(z.enum(['sync', 'async', 'stream']).default('sync'), {
    widget: 'select',
    label: t('响应方式', 'Response mode'),
    options: {
      sync: t('等流程跑完再返回结果', 'Wait for the flow and return its result'),
      async: t('立即返回运行编号，结果稍后查询', 'Reply at once with a run id; fetch the result later'),
      stream: t('边运行边推送进度和文字', 'Stream progress and text while it runs'),
    },
  }),
  timeoutMs: field(z.int().min(1000).max(300_000).default(30_000), {
    widget: 'number',
    label: t('等待上限（毫秒）', 'Wait limit (ms)'),
    help: t(
      '“等流程跑完”方式下最多等多久；超时后调用方会收到运行编号，流程继续在后台运行。',
      'How long the caller waits in sync mode; after that it gets the run id while the flow keeps running.',
    ),
  }),
  signing: field(z.boolean().default(false), {
    widget: 'switch',
    label: t('要求签名', 'Require signature'),
    help: t(
      '开启后只接受带有正确签名（Standard Webhooks 标准）的请求，密钥由服务器生成和保管。',
      'Accept only requests signed per Standard Webhooks; the server generates and keeps the secret.',
    ),
  }),
  // Per process (the limiter's memory store); a caller over it gets 429 with Retry-After and no run starts.
  maxPerMinute: field(z.int().min(0).max(100_000).default(0), {
    widget: 'number',
    label: t('每分钟最多运行次数', 'Runs per minute at most'),
    help: t(
      '调用方出错反复调用、或网址泄露时，防止流程被刷、耗尽模型额度。0 表示不限制；超过时对方收到 429，按 Retry-After 稍后重试即可。',
      'Guards against a caller stuck in a loop or a leaked address using up your model quota. 0 means no limit; over it the caller gets 429 and retries after Retry-After.',
    ),
  }),
  inputSchema: inputSchemaField,
})

export const triggerWebhook = defineNode({
  type: 'trigger.webhook',
  version: 1,
  category: 'trigger',
  title: t('Webhook 触发', 'Webhook trigger'),
  description: t(
    '其他系统向这个流程的专属网址发送请求时启动流程，请求内容就是流程的输入。',
    "Starts the flow when another system calls the flow's own web address; the request becomes the input.",
  ),
  inputs: [],
  outputs: [outPort],
  config,
  output: TriggerOutput,
  outputFor: (c) => triggerOutputFor(bodySchemaFor(c.inputSchema)),
  sideEffects: false,
  async run({ config, event }, ctx) {
    return toTriggerOutput(validateBody(config.inputSchema, event?.body), event, ctx)
  },
})
