import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { findFinalError } from '../find-final-error.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { encodeBody } from './http-body.ts'
import { KeyValueList, keyValueRecord } from './key-value-list.ts'
import { inPort, outPort } from './ports.ts'

const config = z.object({
  method: field(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'), {
    widget: 'select',
    label: t('请求方式', 'Method'),
    options: {
      GET: t('GET(获取)', 'GET (fetch)'),
      POST: t('POST(提交)', 'POST (submit)'),
      PUT: t('PUT(替换)', 'PUT (replace)'),
      PATCH: t('PATCH(修改)', 'PATCH (update)'),
      DELETE: t('DELETE(删除)', 'DELETE (remove)'),
      HEAD: t('HEAD(只取头信息)', 'HEAD (headers only)'),
    },
  }),
  url: field(
    z.url({ protocol: /^https?$/, error: 'enter a full web address starting with http:// or https://' }),
    {
      widget: 'text',
      label: t('网址', 'URL'),
      placeholder: t('https://api.example.com/news', 'https://api.example.com/news'),
    },
  ),
  query: field(KeyValueList.default([]), { widget: 'key-value', label: t('查询参数', 'Query parameters') }),
  headers: field(KeyValueList.default([]), {
    widget: 'key-value',
    label: t('请求头', 'Headers'),
    help: t('密钥请放在“凭据”里，不要直接写在这里。', 'Keep keys and tokens in Credentials, not here.'),
  }),
  bodyType: field(z.enum(['none', 'json', 'form', 'text']).default('none'), {
    widget: 'select',
    label: t('请求内容格式', 'Body format'),
    options: {
      none: t('不发送内容', 'No body'),
      json: t('JSON', 'JSON'),
      form: t('表单', 'Form'),
      text: t('纯文本', 'Plain text'),
    },
  }),
  body: field(z.unknown().default(''), { widget: 'json', label: t('请求内容', 'Body') }),
  responseType: field(z.enum(['auto', 'json', 'text']).default('auto'), {
    widget: 'select',
    label: t('返回内容格式', 'Response format'),
    options: { auto: t('自动判断', 'Detect'), json: t('JSON', 'JSON'), text: t('文本', 'Text') },
  }),
  failOnHttpError: field(z.boolean().default(true), {
    widget: 'switch',
    label: t('出错状态码视为失败', 'Fail on error status'),
    help: t(
      '开启时，对方返回 4xx/5xx 就算这一步失败（5xx 和 429 会自动重试）。',
      'When on, a 4xx or 5xx reply fails this step (5xx and 429 are retried).',
    ),
  }),
})

/** Error bodies can be large pages; a slice is enough to diagnose and keeps the run log small. */
const clip = (text: string) => (text.length > 2000 ? `${text.slice(0, 2000)}…` : text)

export const httpRequest = defineNode({
  type: 'http.request',
  version: 1,
  category: 'integration',
  title: t('HTTP 请求', 'HTTP request'),
  description: t(
    '调用其他系统的网络接口，获取或提交数据。',
    "Calls another system's web API to fetch or send data.",
  ),
  inputs: [inPort],
  outputs: [outPort],
  config,
  output: z.object({ status: z.int(), headers: z.record(z.string(), z.string()), body: z.unknown() }),
  retry: { maxAttempts: 3, backoffMs: 1000 },
  timeoutMs: 60_000,
  sideEffects: 'keyed',
  async run({ config }, ctx) {
    const url = new URL(config.url)
    for (const [key, value] of Object.entries(keyValueRecord(config.query)))
      url.searchParams.append(key, value)
    const headers = new Headers(keyValueRecord(config.headers))
    const safe = config.method === 'GET' || config.method === 'HEAD'
    const encoded = safe ? undefined : encodeBody(config.bodyType, config.body)
    if (encoded && !headers.has('content-type')) headers.set('content-type', encoded.contentType)
    // Lets the receiving server drop the duplicate when a retry repeats a request that did arrive.
    if (!safe && !headers.has('idempotency-key')) headers.set('idempotency-key', ctx.idempotencyKey)

    let res: Response
    let text: string
    try {
      res = await ctx.fetch(url, { method: config.method, headers, body: encoded?.body, signal: ctx.signal })
      text = await res.text() // a connection can also drop while the reply is read
    } catch (err) {
      if (ctx.signal.aborted) throw err // a timeout or cancellation, not the network's fault
      // A refused address or an over-size answer fails the same way every time: reported as it is, not retried.
      const final = findFinalError(err)
      if (final) throw final
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)
      throw new NodeError('HTTP_NETWORK', `Could not reach ${url.host}: ${reason}`, {
        retryable: true,
        cause: err,
      })
    }

    if (config.failOnHttpError && res.status >= 400) {
      const code = res.status === 429 ? 'HTTP_429' : res.status >= 500 ? 'HTTP_5XX' : 'HTTP_4XX'
      const retryAfter = res.headers.get('retry-after')
      const message = `${config.method} ${url.host}${url.pathname} answered ${res.status} ${res.statusText}`
      throw new NodeError(code, message.trim(), {
        retryable: code !== 'HTTP_4XX',
        details: { status: res.status, body: clip(text), ...(retryAfter ? { retryAfter } : {}) },
      })
    }

    const contentType = res.headers.get('content-type') ?? ''
    const isJson =
      config.responseType === 'json' || (config.responseType === 'auto' && /\bjson\b/i.test(contentType))
    let body: unknown = text
    if (isJson && text !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        // Detected JSON that does not parse stays text; JSON that was asked for is an error.
        if (config.responseType === 'json') {
          throw new NodeError('HTTP_RESPONSE_INVALID', `The reply from ${url.host} is not valid JSON`, {
            details: { status: res.status, body: clip(text) },
          })
        }
      }
    }
    return { status: res.status, headers: Object.fromEntries(res.headers), body }
  },
})
