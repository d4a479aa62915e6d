import { Parser } from 'htmlparser2'

const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'tr',
  'br',
  'section',
  'article',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
])
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'nav', 'footer', 'svg'])

/**
 * The text of an HTML page (or of mammoth's HTML for a .docx) as the chunker reads it: one block per line,
 * headings as Markdown `#` lines so that they stay with their chunks; scripts, styles and navigation left out.
 */
export function htmlToText(html: string): string {
  const lines: string[] = []
  let line = ''
  let skipping = 0
  let heading = 0
  const flush = () => {
    const text = line.replace(/\s+/g, ' ').trim()
    if (text) lines.push(heading ? `${'#'.repeat(heading)} ${text}` : text)
    line = ''
  }
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping += 1
        const level = /^h([1-6])$/.exec(name)
        if (level) {
          flush()
          heading = Number(level[1])
        } else if (BLOCKS.has(name)) flush()
      },
      ontext(text) {
        if (!skipping) line += text
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1)
        if (/^h[1-6]$/.test(name)) {
          flush()
          heading = 0
        } else if (BLOCKS.has(name) || name === 'td' || name === 'th') {
          if (name === 'td' || name === 'th') line += ' '
          else flush()
        }
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  flush()
  return lines.join('\n\n')
}
