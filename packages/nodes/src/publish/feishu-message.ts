import { optionalLink, optionalText, requireText } from './require-text.ts'

export const feishuColors = [
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'grey',
] as const

export interface FeishuContent {
  msgtype: 'text' | 'post' | 'interactive'
  title: unknown
  content: unknown
  linkText: unknown
  linkUrl: unknown
  color: (typeof feishuColors)[number]
  atAll: boolean
}

/** The request body of a Feishu custom bot (`POST …/open-apis/bot/v2/hook/TOKEN`), before signing. */
export function buildFeishuMessage(c: FeishuContent): Record<string, unknown> {
  const content = requireText(c.content, 'content')
  const link = optionalLink(c.linkUrl, 'linkUrl')
  const linkText = optionalText(c.linkText)
  switch (c.msgtype) {
    case 'text':
      return {
        msg_type: 'text',
        content: { text: c.atAll ? `${content} <at user_id="all">所有人</at>` : content },
      }
    case 'post':
      return { msg_type: 'post', content: { post: { zh_cn: post(c, content, link, linkText) } } }
    case 'interactive':
      return { msg_type: 'interactive', card: card(c, content, link, linkText) }
  }
}

/** Rich text: each non-blank line a paragraph, then the link and the mention on lines of their own. */
function post(c: FeishuContent, content: string, link: string, linkText: string) {
  const paragraphs: Record<string, string>[][] = content
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => [{ tag: 'text', text: line }])
  if (link) paragraphs.push([{ tag: 'a', text: linkText || link, href: link }])
  if (c.atAll) paragraphs.push([{ tag: 'at', user_id: 'all' }])
  return { title: optionalText(c.title), content: paragraphs }
}

/** A simple message card: a coloured header with the title, the content as Markdown, an optional button. */
function card(c: FeishuContent, content: string, link: string, linkText: string) {
  const elements: Record<string, unknown>[] = [
    { tag: 'markdown', content: c.atAll ? `${content}\n<at id=all></at>` : content },
  ]
  if (link) {
    const button = { tag: 'button', text: { tag: 'plain_text', content: linkText || '查看详情' }, url: link }
    elements.push({ tag: 'action', actions: [{ ...button, type: 'primary' }] })
  }
  const header = { title: { tag: 'plain_text', content: requireText(c.title, 'title') }, template: c.color }
  return { header, elements }
}
