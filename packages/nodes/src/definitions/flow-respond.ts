import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { KeyValueList, keyValueRecord } from './key-value-list.ts'
import { inPort, outPort } from './ports.ts'

export const flowRespond = defineNode({
  type: 'flow.respond',
  version: 1,
  category: 'flow',
  title: t('返回响应', 'Respond'),
  description: t(
    '决定 Webhook 调用方收到什么：状态码、响应头和内容。流程没有这一步时，返回最后一步的结果。',
    'Sets what the webhook caller gets back: status, headers and body. Without it, the last step’s result is sent.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    status: field(z.int().min(100).max(599).default(200), {
      widget: 'number',
      label: t('状态码', 'Status code'),
      help: t('200 表示成功，400 表示请求有误。', '200 means success, 400 a bad request.'),
    }),
    headers: field(KeyValueList.default([]), {
      widget: 'key-value',
      label: t('响应头', 'Headers'),
      // The server's rule (apps/server/src/webhooks/redirect-target.ts), said where the author sets the header.
      help: t(
        '跳转：状态码填 301/302/303/307/308，再加 Location，值为 http(s) 网址或以 / 开头的本站路径；其他写法会被去掉。',
        'Redirect: a 301/302/303/307/308 status plus Location set to an http(s) URL or a /path on this site; anything else is dropped.',
      ),
    }),
    // A lone `{{ ref }}` arrives as the referenced value itself and is sent as JSON.
    body: field(z.unknown().default(''), {
      widget: 'json',
      label: t('响应内容', 'Body'),
      placeholder: t('{{ nodes.summary.text }}', '{{ nodes.summary.text }}'),
    }),
  }),
  output: z.object({ status: z.int(), headers: z.record(z.string(), z.string()), body: z.unknown() }),
  sideEffects: false,
  run({ config }) {
    return { status: config.status, headers: keyValueRecord(config.headers), body: config.body }
  },
})
