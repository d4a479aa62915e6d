import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { checkMaxLength } from '../publish/max-length.ts'
import { optionalLink, optionalText, requireText } from '../publish/require-text.ts'
import { requireSlug } from '../publish/slug-field.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

const MAX_CONTENT_CHARS = 200_000

export const publishFeed = defineNode({
  type: 'publish.feed',
  version: 1,
  category: 'publish',
  title: t('发布到订阅源（RSS）', 'Add to feed (RSS)'),
  description: t(
    '在本服务器托管的 RSS 2.0 / Atom 订阅源里加一条；同一次运行重试或恢复时不会重复添加。',
    'Adds an item to an RSS 2.0 / Atom feed hosted by this server; a retried or resumed run never adds it twice.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    feed: field(z.string().max(200).default('news'), {
      widget: 'text',
      label: t('订阅源名称', 'Feed name'),
      placeholder: t('news', 'news'),
      help: t(
        '订阅地址是 /feeds/<名称>.xml（Atom：/feeds/<名称>.atom）；名称里只留字母、数字和连字符。',
        'The feed lives at /feeds/<name>.xml (Atom: /feeds/<name>.atom); only letters, digits and hyphens are kept.',
      ),
    }),
    feedTitle: field(z.unknown().default(''), {
      widget: 'text',
      label: t('订阅源标题', 'Feed title'),
      help: t(
        '留空则保持原标题（新订阅源用名称）。',
        'Empty keeps the current title (a new feed uses its name).',
      ),
    }),
    title: field(z.unknown().default(''), {
      widget: 'text',
      label: t('标题', 'Title'),
      placeholder: t('{{ nodes.write.title }}', '{{ nodes.write.title }}'),
    }),
    link: field(z.unknown().default(''), {
      widget: 'text',
      label: t('原文链接', 'Link'),
      placeholder: t('{{ nodes.page.url }}', '{{ nodes.page.url }}'),
      help: t(
        '可选；以 https:// 开头，或本服务器上的路径（如发布网页得到的 /p/…）。',
        'Optional; starts with https://, or is a path on this server (such as the /p/… of a published page).',
      ),
    }),
    summary: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('摘要', 'Summary'),
      help: t(
        '纯文本；留空时阅读器显示正文开头。',
        'Plain text; readers show the start of the content when empty.',
      ),
    }),
    content: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('正文（Markdown）', 'Content (Markdown)'),
      placeholder: t('{{ nodes.write.text }}', '{{ nodes.write.text }}'),
      help: t(
        '支持 Markdown；脚本、事件属性和 javascript: 链接会被去掉。',
        'Markdown; scripts, event attributes and javascript: links are removed.',
      ),
    }),
    author: field(z.unknown().default(''), { widget: 'text', label: t('作者', 'Author') }),
    guid: field(z.unknown().default(''), {
      widget: 'text',
      label: t('条目 ID（GUID）', 'Item id (GUID)'),
      help: t(
        '可选；阅读器靠它识别同一条目。留空时自动生成一个永久 ID。',
        'Optional; readers recognise an item by it. Empty: a permanent one is made up.',
      ),
    }),
  }),
  output: z.object({
    platform: z.literal('feed'),
    feed: z.string(),
    /** The RSS 2.0 address of the feed. */
    url: z.string(),
    atomUrl: z.string(),
    guid: z.string(),
    title: z.string(),
    link: z.string(),
    publishedAt: z.string(),
    /** True when this step had already added the item (a retry or resume) and nothing was added now. */
    duplicate: z.boolean(),
  }),
  timeoutMs: 30_000,
  sideEffects: 'keyed',
  async run({ config }, ctx) {
    const title = requireText(config.title, 'title').trim()
    const content = optionalText(config.content)
    const summary = optionalText(config.summary)
    requireText(content || summary, 'content')
    const link = siteLink(config.link)
    checkMaxLength(content, MAX_CONTENT_CHARS, 'content')
    const receipt = await ctx.publish.addFeedItem({
      key: ctx.idempotencyKey,
      feed: requireSlug(config.feed, 'feed'),
      feedTitle: checkMaxLength(optionalText(config.feedTitle), 200, 'feedTitle'),
      title: checkMaxLength(title, 500, 'title'),
      link,
      summary: checkMaxLength(summary, 5000, 'summary'),
      content,
      author: checkMaxLength(optionalText(config.author), 200, 'author'),
      guid: checkMaxLength(optionalText(config.guid), 500, 'guid'),
    })
    return {
      platform: 'feed' as const,
      feed: receipt.feed,
      url: receipt.feedUrl,
      atomUrl: receipt.atomUrl,
      guid: receipt.guid,
      title,
      link,
      publishedAt: receipt.publishedAt,
      duplicate: receipt.duplicate,
    }
  },
})

/**
 * A web address, or a path on this server such as a page's `/p/…` (what publish.page reports when the server has no
 * ZHILIU_PUBLIC_URL): the feed makes it absolute with the address it is read at.
 */
function siteLink(value: unknown): string {
  const text = toText(value).trim()
  return /^\/(?!\/)\S*$/.test(text) ? text : optionalLink(text, 'link')
}
