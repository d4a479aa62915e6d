import { createHmac } from 'node:crypto'
import type { FakeReply, ReceivedRequest } from './fake-types.ts'
import { isRecord, isText, utf8Bytes } from './shape.ts'
import type { Verdict } from './start-fake-bot.ts'

/**
 * Feishu's custom bot: `POST /open-apis/bot/v2/hook/TOKEN`, HTTP 200 with `code` for every outcome. Codes (each seen
 * in real replies): 19001 unknown token, 19002 no msg_type, 19021 bad signature or a timestamp over an hour off,
 * 19024 no custom keyword, 9499 a malformed body or one over 20 KB, 11232 rate limit. Which code a well-formed body
 * of an unknown msg_type gets is not documented; the fake answers 9499 like any other malformed body.
 */
export interface FeishuRules {
  token: string
  /** The signing secret; when set, `timestamp` (s, within an hour) and `sign` must be in the body. */
  secret?: string
  keywords?: readonly string[]
  now: () => number
}

export const feishuError = (code: number, msg: string): FakeReply => ({
  status: 200,
  body: { code, data: {}, msg },
})

const SUCCESS = { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' }
const HOOK_PREFIX = '/open-apis/bot/v2/hook/'
const MAX_BODY_BYTES = 20 * 1024

export function checkFeishu(request: ReceivedRequest, rules: FeishuRules): Verdict {
  const refuse = (reply: FakeReply): Verdict => ({ reply, accepted: false })
  if (!request.path.startsWith(HOOK_PREFIX) || request.method !== 'POST') {
    return refuse({ status: 404, body: '404 page not found' })
  }
  if (request.path.slice(HOOK_PREFIX.length) !== rules.token) {
    return refuse(feishuError(19001, 'param invalid: incoming webhook access token invalid'))
  }
  const body = request.body
  if (!isRecord(body) || utf8Bytes(request.text) > MAX_BODY_BYTES)
    return refuse(feishuError(9499, 'Bad Request'))
  if (rules.secret !== undefined && !signatureMatches(body, rules.secret, rules.now())) {
    return refuse(feishuError(19021, 'sign match fail or timestamp is not within one hour from current time'))
  }
  if (body.msg_type === undefined) return refuse(feishuError(19002, 'params error, msg_type need'))
  if (!isWellFormed(body)) return refuse(feishuError(9499, 'Bad Request'))
  if (rules.keywords?.length && !rules.keywords.some((word) => request.text.includes(word))) {
    return refuse(feishuError(19024, 'Key Words Not Found'))
  }
  return { reply: { status: 200, body: SUCCESS }, accepted: true }
}

function signatureMatches(body: Record<string, unknown>, secret: string, now: number): boolean {
  const timestamp = String(body.timestamp ?? '')
  if (!/^\d{10}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > 3600) return false
  // Feishu keys the HMAC with "timestamp\nsecret" and signs an empty message.
  const expected = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64')
  return body.sign === expected
}

function isWellFormed(body: Record<string, unknown>): boolean {
  const content = body.content
  switch (body.msg_type) {
    case 'text':
      return isRecord(content) && isText(content.text)
    case 'post': {
      const post = isRecord(content) ? content.post : undefined
      if (!isRecord(post)) return false
      const locales = Object.values(post)
      return locales.length > 0 && locales.every(isPostLocale)
    }
    case 'interactive': {
      const card = body.card
      return (
        isRecord(card) &&
        Array.isArray(card.elements) &&
        card.elements.every((e) => isRecord(e) && isText(e.tag))
      )
    }
    case 'image':
      return isRecord(content) && isText(content.image_key)
    case 'share_chat':
      return isRecord(content) && isText(content.share_chat_id)
    default:
      return false
  }
}

function isPostLocale(locale: unknown): boolean {
  if (!isRecord(locale) || (locale.title !== undefined && typeof locale.title !== 'string')) return false
  const paragraphs = locale.content
  return (
    Array.isArray(paragraphs) &&
    paragraphs.every(
      (p) => Array.isArray(p) && p.every((element) => isRecord(element) && isText(element.tag)),
    )
  )
}
