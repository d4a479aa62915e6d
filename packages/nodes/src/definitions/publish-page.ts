import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { checkMaxLength } from '../publish/max-length.ts'
import { requireText } from '../publish/require-text.ts'
import { requireSlug } from '../publish/slug-field.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'

const MAX_BODY_CHARS = 500_000

export const publishPage = defineNode({
  type: 'publish.page',
  version: 1,
  category: 'publish',
  title: t('发布为网页', 'Publish as web page'),
  description: t(
    '把 Markdown 文章发布成本服务器上适合手机阅读的网页（/p/<地址>），脚本等不安全内容会被去掉。再次发布到同一地址会更新该网页。',
    'Publishes a Markdown article as a mobile-friendly page on this server (/p/<slug>), with anything unsafe removed. Publishing to the same slug again updates the page.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    title: field(z.unknown().default(''), {
      widget: 'text',
      label: t('标题', 'Title'),
      placeholder: t('{{ nodes.write.title }}', '{{ nodes.write.title }}'),
    }),
    slug: field(z.unknown().default(''), {
      widget: 'text',
      label: t('网页地址', 'Slug'),
      placeholder: t('2025-台风-预警', '2025-typhoon-warning'),
      help: t(
        '网址 /p/ 后面的部分；可以用中文。只保留字母、汉字、数字和连字符，留空则用标题。',
        'The part after /p/ in the address; Chinese is fine. Only letters, digits and hyphens are kept; empty uses the title.',
      ),
    }),
    body: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('正文（Markdown）', 'Body (Markdown)'),
      placeholder: t('{{ nodes.write.text }}', '{{ nodes.write.text }}'),
      help: t(
        '支持 Markdown、表格和图片（https 图片）；脚本、iframe、事件属性和 javascript: 链接会被去掉。',
        'Markdown with tables and (https) images; scripts, iframes, event attributes and javascript: links are removed.',
      ),
    }),
  }),
  output: z.object({
    platform: z.literal('page'),
    slug: z.string(),
    /** Where the page is read; absolute when the server knows its public address (ZHILIU_PUBLIC_URL). */
    url: z.string(),
    title: z.string(),
    updatedAt: z.string(),
    /** True when this step had already published (a retry or resume) and nothing changed now. */
    duplicate: z.boolean(),
  }),
  timeoutMs: 30_000,
  sideEffects: 'keyed',
  async run({ config }, ctx) {
    const title = checkMaxLength(requireText(config.title, 'title').trim(), 500, 'title')
    const body = checkMaxLength(requireText(config.body, 'body'), MAX_BODY_CHARS, 'body')
    const slug = requireSlug(config.slug, 'slug', title)
    const receipt = await ctx.publish.putPage({ key: ctx.idempotencyKey, slug, title, body })
    return {
      platform: 'page' as const,
      slug: receipt.slug,
      url: receipt.url,
      title,
      updatedAt: receipt.updatedAt,
      duplicate: receipt.duplicate,
    }
  },
})
