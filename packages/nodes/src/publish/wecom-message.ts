import { readTextList } from '../definitions/text-list.ts'
import { NodeError } from '../errors.ts'
import { checkByteLimit } from './content-limit.ts'
import { optionalLink, optionalText, requireLink, requireText } from './require-text.ts'

export interface WecomArticleInput {
  title: unknown
  description: unknown
  url: unknown
  picurl: unknown
}

export interface WecomContent {
  msgtype: 'text' | 'markdown' | 'news'
  content: unknown
  mentionMobiles: unknown
  mentionAll: boolean
  articles: readonly WecomArticleInput[]
}

/** Byte limits from WeCom's group-bot document (91770). */
export const WECOM_TEXT_BYTES = 2048
export const WECOM_MARKDOWN_BYTES = 4096
const MAX_ARTICLES = 8

/** The request body of WeCom's group bot (`POST …/cgi-bin/webhook/send?key=KEY`) for one message. */
export function buildWecomMessage(c: WecomContent): Record<string, unknown> {
  if (c.msgtype === 'text') {
    const content = requireText(c.content, 'content')
    checkByteLimit(content, { bytes: WECOM_TEXT_BYTES, what: 'A WeCom text message', field: 'content' })
    const mobiles = readTextList(c.mentionMobiles, { splitOnSpaces: true })
    if (c.mentionAll) mobiles.push('@all')
    return {
      msgtype: 'text',
      text: { content, ...(mobiles.length ? { mentioned_mobile_list: mobiles } : {}) },
    }
  }
  if (c.msgtype === 'markdown') {
    const content = requireText(c.content, 'content')
    checkByteLimit(content, {
      bytes: WECOM_MARKDOWN_BYTES,
      what: 'A WeCom markdown message',
      field: 'content',
    })
    return { msgtype: 'markdown', markdown: { content } }
  }
  if (c.articles.length === 0 || c.articles.length > MAX_ARTICLES) {
    throw new NodeError(
      'PUBLISH_CONTENT_INVALID',
      `A WeCom news message holds 1 to ${MAX_ARTICLES} articles, not ${c.articles.length}`,
      { details: { field: 'articles' } },
    )
  }
  return { msgtype: 'news', news: { articles: c.articles.map(toArticle) } }
}

function toArticle(article: WecomArticleInput, index: number): Record<string, string> {
  const title = requireText(article.title, `articles[${index}].title`)
  const url = requireLink(article.url, `articles[${index}].url`)
  const description = optionalText(article.description)
  const picurl = optionalLink(article.picurl, `articles[${index}].picurl`)
  // WeCom cuts titles over 128 bytes and descriptions over 512 itself, so those are not refused here.
  return { title, ...(description ? { description } : {}), url, ...(picurl ? { picurl } : {}) }
}
