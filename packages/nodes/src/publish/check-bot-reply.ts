import { NodeError } from '../errors.ts'
import { type BotReplyFormat, THROTTLED_RETRY_AFTER_MS } from './bot-reply-formats.ts'
import { checkHttpStatus } from './check-http-status.ts'
import type { PublishReply } from './send-publish-request.ts'

const clip = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text)

/**
 * An IM bot answers HTTP 200 whether or not it posted the message; the verdict is the code in the JSON body. Returns
 * the parsed reply when the code is 0 and throws otherwise, retryably only for the codes the table says mean "later".
 */
export function checkBotReply(reply: PublishReply, format: BotReplyFormat): Record<string, unknown> {
  const json = parseObject(reply.text)
  const code = firstOf(json, format.codeFields)
  const raw = firstOf(json, format.messageFields)
  const message = typeof raw === 'string' ? clip(raw) : ''
  const details = { status: reply.status, code, message }
  const ok = reply.status >= 200 && reply.status < 300
  // Feishu's gateway signals its rate limit as 429 or, on older routes, 400 with a code: the code decides.
  const kind = typeof code === 'number' ? format.retry.get(code) : undefined
  if (kind) {
    const why = kind === 'throttled' ? 'is rate-limiting this bot' : 'is busy'
    throw new NodeError(
      'PUBLISH_RETRY_LATER',
      `${format.name} ${why} (code ${code} ${message}); will try again`,
      {
        retryable: true,
        retryAfterMs: kind === 'throttled' ? THROTTLED_RETRY_AFTER_MS : undefined,
        details,
      },
    )
  }
  if (!ok) checkHttpStatus(reply, { name: format.name, idempotent: false })
  if (!json || typeof code !== 'number') {
    throw new NodeError(
      'PUBLISH_OUTCOME_UNKNOWN',
      `${format.name} answered with something other than its usual reply, so the message may or may not have ` +
        'been sent; it is not sent again automatically.',
      { details: { status: reply.status, body: clip(reply.text) } },
    )
  }
  if (code === 0) return json
  const hint = format.hints.get(code)
  throw new NodeError(
    'PUBLISH_REFUSED',
    `${format.name} refused the message: code ${code} ${message}${hint ? ` (${hint})` : ''}`,
    { details },
  )
}

function firstOf(json: Record<string, unknown> | undefined, fields: readonly string[]): unknown {
  const found = fields.find((name) => json !== undefined && Object.hasOwn(json, name))
  return found === undefined ? undefined : json?.[found]
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
