import { createHmac } from 'node:crypto'
import type { FakeReply, ReceivedRequest } from './fake-types.ts'
import { isOptionalText, isRecord, isText, isTextList } from './shape.ts'
import type { Verdict } from './start-fake-bot.ts'

/**
 * DingTalk's custom robot: `POST /robot/send?access_token=TOKEN`, HTTP 200 with `errcode` for every outcome. Codes:
 * 300005 unknown token and 40035 missing parameter (both observed from the real endpoint), 43002 not POST, 43004
 * wrong Content-Type, 310000 for the security settings with the documented messages ("invalid timestamp", "sign not
 * match", "keywords not in content"), 130101 rate limit, -1 busy. Which code DingTalk gives a well-formed body of an
 * unknown msgtype is not documented; the fake answers 40035 like any other malformed body.
 */
export interface DingtalkRules {
  accessToken: string
  /** The 加签 secret; when set, `timestamp` (ms, within an hour) and `sign` must be in the query. */
  secret?: string
  /** Custom keywords; when set, the message must contain one. */
  keywords?: readonly string[]
  now: () => number
}

export const dingtalkError = (errcode: number, errmsg: string): FakeReply => ({
  status: 200,
  body: { errcode, errmsg },
})

const HOUR_MS = 3_600_000
const malformed = () => dingtalkError(40035, '缺少参数 json')

export function checkDingtalk(request: ReceivedRequest, rules: DingtalkRules): Verdict {
  const refuse = (reply: FakeReply): Verdict => ({ reply, accepted: false })
  if (request.path !== '/robot/send')
    return refuse({ status: 404, body: { errcode: 404, errmsg: '请求的URI地址不存在' } })
  if (request.method !== 'POST') return refuse(dingtalkError(43002, '需要POST请求'))
  if (!request.query.access_token) return refuse(dingtalkError(40035, '缺少参数 access_token'))
  if (request.query.access_token !== rules.accessToken)
    return refuse(dingtalkError(300005, 'token is not exist'))
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return refuse(dingtalkError(43004, '无效的HTTP HEADER Content-Type'))
  }
  if (rules.secret !== undefined) {
    const security = checkSign(request.query, rules.secret, rules.now())
    if (security) return refuse(security)
  }
  const body = request.body
  if (!isRecord(body) || !isWellFormed(body)) return refuse(malformed())
  if (rules.keywords?.length && !rules.keywords.some((word) => JSON.stringify(body).includes(word))) {
    return refuse(dingtalkError(310000, 'keywords not in content'))
  }
  return { reply: dingtalkError(0, 'ok'), accepted: true }
}

function checkSign(query: Record<string, string>, secret: string, now: number): FakeReply | undefined {
  const timestamp = query.timestamp ?? ''
  if (!/^\d{13}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > HOUR_MS) {
    return dingtalkError(310000, 'invalid timestamp')
  }
  // `query` is already URL-decoded, so an unencoded `+` in the sign arrived as a space and fails here, as it does.
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64')
  return query.sign === expected ? undefined : dingtalkError(310000, 'sign not match')
}

function isWellFormed(body: Record<string, unknown>): boolean {
  const at = body.at
  if (at !== undefined && (!isRecord(at) || !isTextList(at.atMobiles) || !isTextList(at.atUserIds)))
    return false
  if (isRecord(at) && at.isAtAll !== undefined && typeof at.isAtAll !== 'boolean') return false
  const part = body[String(body.msgtype)]
  if (!isRecord(part)) return false
  switch (body.msgtype) {
    case 'text':
      return isText(part.content)
    case 'markdown':
      return isText(part.title) && isText(part.text)
    case 'link':
      return isText(part.title) && isText(part.text) && isText(part.messageUrl) && isOptionalText(part.picUrl)
    case 'actionCard': {
      if (!isText(part.title) || !isText(part.text)) return false
      if (isText(part.singleTitle) && isText(part.singleURL)) return true
      const buttons = part.btns
      return (
        Array.isArray(buttons) &&
        buttons.length > 0 &&
        buttons.every((b) => isRecord(b) && isText(b.title) && isText(b.actionURL))
      )
    }
    case 'feedCard': {
      const links = part.links
      return (
        Array.isArray(links) &&
        links.length > 0 &&
        links.every((l) => isRecord(l) && isText(l.title) && isText(l.messageURL) && isText(l.picURL))
      )
    }
    default:
      return false
  }
}
