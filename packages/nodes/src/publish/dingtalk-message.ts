import { readTextList } from '../definitions/text-list.ts'
import { NodeError } from '../errors.ts'
import { optionalLink, requireLink, requireText } from './require-text.ts'

export interface DingtalkButtonInput {
  title: unknown
  url: unknown
}

export interface DingtalkContent {
  msgtype: 'text' | 'markdown' | 'link' | 'actionCard'
  title: unknown
  content: unknown
  url: unknown
  picUrl: unknown
  buttons: readonly DingtalkButtonInput[]
  atMobiles: unknown
  atAll: boolean
}

/** The request body of a DingTalk custom robot (`POST …/robot/send?access_token=TOKEN`) for one message. */
export function buildDingtalkMessage(c: DingtalkContent): Record<string, unknown> {
  switch (c.msgtype) {
    case 'text':
      return { msgtype: 'text', text: { content: requireText(c.content, 'content') }, ...at(c) }
    case 'markdown':
      return {
        msgtype: 'markdown',
        // The title is what the notification and the chat list show; the text is the Markdown body.
        markdown: { title: requireText(c.title, 'title'), text: requireText(c.content, 'content') },
        ...at(c),
      }
    case 'link': {
      const picUrl = optionalLink(c.picUrl, 'picUrl')
      const link = {
        title: requireText(c.title, 'title'),
        text: requireText(c.content, 'content'),
        messageUrl: requireLink(c.url, 'url'),
      }
      return { msgtype: 'link', link: picUrl ? { ...link, picUrl } : link }
    }
    case 'actionCard':
      return { msgtype: 'actionCard', actionCard: actionCard(c) }
  }
}

function actionCard(c: DingtalkContent): Record<string, unknown> {
  const card = {
    title: requireText(c.title, 'title'),
    text: requireText(c.content, 'content'),
    btnOrientation: '0',
  }
  const buttons = c.buttons.map((b, i) => ({
    title: requireText(b.title, `buttons[${i}].title`),
    actionURL: requireLink(b.url, `buttons[${i}].url`),
  }))
  const [only] = buttons
  if (!only) {
    throw new NodeError('PUBLISH_CONTENT_INVALID', 'An action card needs at least one button', {
      details: { field: 'buttons' },
    })
  }
  // One button makes the whole card a link (整体跳转); several become separate buttons (独立跳转).
  return buttons.length === 1
    ? { ...card, singleTitle: only.title, singleURL: only.actionURL }
    : { ...card, btns: buttons }
}

/** Only text and Markdown messages can mention people; a mobile must also appear as `@138…` in the text to show. */
function at(c: DingtalkContent): { at?: Record<string, unknown> } {
  const atMobiles = readTextList(c.atMobiles, { splitOnSpaces: true })
  if (!atMobiles.length && !c.atAll) return {}
  return { at: { ...(atMobiles.length ? { atMobiles } : {}), isAtAll: c.atAll } }
}
