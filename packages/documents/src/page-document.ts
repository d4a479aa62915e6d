import { escapeXml as escapeHtml } from './escape-xml.ts'
import { renderMarkdown } from './render-markdown.ts'

/**
 * What a published page may load: nothing but images (https or inline) and its own inline style. Even if something
 * slipped past the sanitiser, no script, frame, font, form target or base URL would be honoured.
 */
export const PAGE_CSP =
  "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

// The newsroom's readers are in China; a fixed zone keeps a date the same on every server.
const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'long',
  timeStyle: 'short',
})

// System fonts only (the CSP allows no font download); CJK faces listed so Windows does not fall back to SimSun.
const STYLE = `
:root{color-scheme:light dark;--fg:#1d1d1f;--muted:#6e6e73;--bg:#fff;--line:#e5e5ea;--code:#f5f5f7;--link:#0a58ca}
@media (prefers-color-scheme:dark){:root{--fg:#f5f5f7;--muted:#a1a1a6;--bg:#111;--line:#333;--code:#1c1c1e;--link:#6ea8fe}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.8 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;-webkit-text-size-adjust:100%}
article{max-width:42rem;margin:0 auto;padding:1.5rem 1.25rem 4rem;overflow-wrap:break-word}
h1{font-size:1.6rem;line-height:1.4;margin:.5rem 0}
h2,h3,h4{line-height:1.4;margin:2rem 0 .75rem}
.meta{color:var(--muted);font-size:.875rem;margin:0 0 1.5rem;border-bottom:1px solid var(--line);padding-bottom:1rem}
a{color:var(--link)}
img{max-width:100%;height:auto}
blockquote{margin:1rem 0;padding:0 1rem;border-left:4px solid var(--line);color:var(--muted)}
pre{background:var(--code);padding:1rem;overflow-x:auto;border-radius:6px;font-size:.875rem;line-height:1.5}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table{display:block;overflow-x:auto;border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid var(--line);padding:.4rem .7rem}
hr{border:0;border-top:1px solid var(--line);margin:2rem 0}
`.trim()

export interface PageView {
  title: string
  /** Sanitised HTML. */
  html: string
  /** Shown under the title; left out on a page that is not an article. */
  updatedAt?: number
}

/** A complete, self-contained HTML page: readable on a phone, no script, nothing loaded from elsewhere but images. */
export function pageDocument(page: PageView): string {
  const title = escapeHtml(page.title)
  const at = page.updatedAt === undefined ? undefined : new Date(page.updatedAt)
  const meta = at
    ? `<p class="meta"><time datetime="${at.toISOString()}">${escapeHtml(dateFormat.format(at))}</time></p>\n`
    : ''
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="referrer" content="strict-origin-when-cross-origin">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<article>
<h1>${title}</h1>
${meta}${page.html}
</article>
</body>
</html>
`
}

/** A Markdown article's first line when it is a heading (`# 标题`, closing `#`s allowed). */
const LEADING_HEADING = /^\s*#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\n|$)/

/**
 * A published page from a Markdown article. An article often starts with its own headline (`# 标题`, as the review
 * step showed it) while the same headline is the page title: readers would see it twice, one under the other. The
 * article's copy goes before rendering; a different first heading stays.
 */
export function markdownPage(page: { title: string; body: string; updatedAt?: number }): string {
  const heading = LEADING_HEADING.exec(page.body)
  const body = heading?.[1]?.trim() === page.title.trim() ? page.body.slice(heading[0].length) : page.body
  return pageDocument({
    title: page.title,
    html: renderMarkdown(body),
    ...(page.updatedAt === undefined ? {} : { updatedAt: page.updatedAt }),
  })
}

/** The answer to an address with no page: a page too, since a person with a browser asked. */
export function missingPageDocument(): string {
  return pageDocument({
    title: '页面不存在 · Page not found',
    html: '<p>这个页面不存在，或已被移除。</p><p>There is no page at this address.</p>',
  })
}
