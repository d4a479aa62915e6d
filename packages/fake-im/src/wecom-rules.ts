import type { FakeReply, ReceivedRequest } from './fake-types.ts'
import { isOptionalText, isRecord, isText, isTextList, utf8Bytes } from './shape.ts'
import type { Verdict } from './start-fake-bot.ts'

/**
 * WeCom's group bot (document 91770): `POST /cgi-bin/webhook/send?key=KEY`, HTTP 200 with `errcode` for every
 * outcome. Codes: 93000 bad key (observed from the real endpoint), 40008 unknown msgtype, 44004 empty content,
 * 40058 a missing or oversized field, 47001 a body that is not JSON, 45009 rate limit, -1 busy. This fake knows
 * text, markdown and news; the other real types (image, file, template_card…) get 40008 here.
 */
export const wecomError = (errcode: number, errmsg: string): FakeReply => ({
  status: 200,
  body: {
    errcode,
    errmsg:
      errcode === 0
        ? errmsg
        : `${errmsg}, hint: [fake], more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  },
})

const invalid = (field: string, why = 'missing field') =>
  wecomError(40058, `${why} \`${field}\`. invalid Request Parameter`)

export function checkWecom(request: ReceivedRequest, key: string): Verdict {
  const refuse = (reply: FakeReply): Verdict => ({ reply, accepted: false })
  if (request.path !== '/cgi-bin/webhook/send')
    return refuse({ status: 404, body: { errcode: 404, errmsg: 'not found' } })
  if (request.query.key !== key) return refuse(wecomError(93000, 'invalid webhook url'))
  if (request.method !== 'POST') return refuse(wecomError(43002, 'require POST method'))
  const body = request.body
  if (!isRecord(body)) return refuse(wecomError(47001, 'data format error'))
  const problem = checkMessage(body)
  return problem ? refuse(problem) : { reply: wecomError(0, 'ok'), accepted: true }
}

function checkMessage(body: Record<string, unknown>): FakeReply | undefined {
  switch (body.msgtype) {
    case 'text': {
      const text = body.text
      if (!isRecord(text) || typeof text.content !== 'string') return invalid('text.content')
      if (!text.content) return wecomError(44004, 'empty content')
      if (utf8Bytes(text.content) > 2048)
        return invalid('text.content', 'content exceed max length 2048 bytes,')
      if (!isTextList(text.mentioned_list) || !isTextList(text.mentioned_mobile_list)) {
        return invalid('text.mentioned_mobile_list', 'invalid type of')
      }
      return undefined
    }
    case 'markdown': {
      const markdown = body.markdown
      if (!isRecord(markdown) || typeof markdown.content !== 'string') return invalid('markdown.content')
      if (!markdown.content) return wecomError(44004, 'empty content')
      if (utf8Bytes(markdown.content) > 4096) {
        return invalid('markdown.content', 'content exceed max length 4096 bytes,')
      }
      return undefined
    }
    case 'news': {
      const articles = isRecord(body.news) ? body.news.articles : undefined
      if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8)
        return invalid('news.articles')
      const bad = articles.findIndex(
        (a) =>
          !isRecord(a) ||
          !isText(a.title) ||
          !isText(a.url) ||
          !isOptionalText(a.description) ||
          !isOptionalText(a.picurl),
      )
      return bad === -1 ? undefined : invalid(`news.articles[${bad}]`)
    }
    default:
      return wecomError(40008, 'invalid message type')
  }
}
