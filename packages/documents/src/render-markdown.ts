import { createRequire } from 'node:module'
import { Marked } from 'marked'
import type sanitizeHtml from 'sanitize-html'

// sanitize-html and the parsers it brings (htmlparser2, postcss) cost a server ~18 MB and ~0.2 s at start-up, and
// most servers publish no page for a long time, if ever: it is loaded on the first page rendered.
const require = createRequire(import.meta.url)
let sanitizer: typeof sanitizeHtml | undefined
function sanitize(html: string, options: sanitizeHtml.IOptions): string {
  sanitizer ??= require('sanitize-html') as typeof sanitizeHtml
  return sanitizer(html, options)
}

// Line breaks stay line breaks: model output and pasted copy in Chinese rarely leave blank lines between paragraphs.
const marked = new Marked({ gfm: true, breaks: true, async: false })

const SAFE_DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i

/**
 * An allow-list, so anything not named here is gone: no script, style, iframe, object, form or SVG element, no
 * `on…` or `style` attribute (so no CSS expressions either), no link that is not http(s) or mailto, no image that is
 * not https or an inline raster. Markdown may carry raw HTML; it passes through this like everything else.
 */
const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    ...[
      'p',
      'br',
      'hr',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'blockquote',
      'ul',
      'ol',
      'li',
      'dl',
      'dt',
      'dd',
    ],
    ...['strong', 'em', 'b', 'i', 'u', 's', 'del', 'ins', 'sup', 'sub', 'mark', 'small', 'abbr', 'kbd'],
    ...['code', 'pre', 'a', 'img', 'figure', 'figcaption'],
    ...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['align', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
    ol: ['start'],
    abbr: ['title'],
    code: ['class'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Their text is code or markup, never reading matter.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'object',
    'template',
    'svg',
    'math',
  ],
  nestingLimit: 64,
  transformTags: {
    // Published pages link out to pages nobody here vouches for.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener noreferrer' } }),
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs
      const keep =
        src !== undefined && (!src.trim().toLowerCase().startsWith('data:') || SAFE_DATA_IMAGE.test(src))
      return { tagName, attribs: keep ? { ...rest, src } : rest }
    },
  },
}

/** Markdown (raw HTML allowed inside) to an HTML fragment that is safe to put into a page or a feed. */
export function renderMarkdown(markdown: string): string {
  return sanitize(marked.parse(markdown, { async: false }), policy)
}
