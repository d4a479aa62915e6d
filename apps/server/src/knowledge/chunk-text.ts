export interface ChunkOptions {
  /** Most characters in a chunk (a heading not counted). */
  size: number
  /** Characters of the previous chunk's last sentences that the next one repeats. */
  overlap: number
}

export const DEFAULT_CHUNKING: ChunkOptions = { size: 500, overlap: 80 }

export interface TextChunk {
  /** The headings above it, outermost first, joined with " › "; null before the first heading. */
  heading: string | null
  text: string
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*$/
/** A sentence ends after 。！？； (or their ASCII forms), with any closing quotes or brackets that follow. */
const SENTENCE = /[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)\]"']*|$)/gu

/**
 * Cuts a parsed document (paragraphs on their own lines, Markdown `#` headings) into chunks that suit Chinese:
 * a section never shares a chunk with the next one, so each chunk carries its heading; whole paragraphs are kept
 * together while they fit, a longer one is cut at sentence ends (。！？；), and only a sentence longer than the size
 * is cut within. Each chunk after the first of a section starts with the previous chunk's last sentences, up to
 * `overlap` characters.
 */
export function chunkText(text: string, options: ChunkOptions = DEFAULT_CHUNKING): TextChunk[] {
  const size = Math.max(50, options.size)
  const overlap = Math.min(Math.max(0, options.overlap), Math.floor(size / 2))
  const chunks: TextChunk[] = []
  const path: string[] = []
  let paragraphs: string[] = []
  const flushSection = () => {
    const heading = path.length ? path.join(' › ') : null
    for (const body of packSection(paragraphs, size, overlap)) chunks.push({ heading, text: body })
    paragraphs = []
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line) continue
    const heading = HEADING.exec(line)
    if (heading?.[1] && heading[2]) {
      flushSection()
      path.length = Math.min(path.length, heading[1].length - 1)
      path.push(heading[2])
    } else paragraphs.push(line)
  }
  flushSection()
  return chunks
}

export function splitSentences(paragraph: string): string[] {
  return (paragraph.match(SENTENCE) ?? []).map((s) => s.trim()).filter(Boolean)
}

function packSection(paragraphs: string[], size: number, overlap: number): string[] {
  const pieces: Array<{ text: string; paragraphStart: boolean }> = []
  for (const paragraph of paragraphs) {
    const parts =
      paragraph.length <= size ? [paragraph] : splitSentences(paragraph).flatMap((s) => cut(s, size))
    for (const [i, text] of parts.entries()) pieces.push({ text, paragraphStart: i === 0 })
  }
  const out: string[] = []
  let current = ''
  let fresh = true
  for (const piece of pieces) {
    const joiner = current ? (piece.paragraphStart ? '\n' : '') : ''
    if (current && !fresh && current.length + joiner.length + piece.text.length > size) {
      out.push(current)
      const tail = overlapTail(current, overlap)
      current =
        tail && tail.length + piece.text.length <= size ? tail + (piece.paragraphStart ? '\n' : '') : ''
      fresh = true
    }
    current += (current && !current.endsWith('\n') ? (piece.paragraphStart ? '\n' : '') : '') + piece.text
    fresh = false
  }
  if (current && !fresh) out.push(current)
  return out
}

function overlapTail(chunk: string, overlap: number): string {
  if (overlap <= 0) return ''
  const sentences = splitSentences(chunk.split('\n').at(-1) ?? '')
  let tail = ''
  for (let i = sentences.length - 1; i >= 0; i--) {
    const next = (sentences[i] ?? '') + tail
    if (next.length > overlap) break
    tail = next
  }
  return tail
}

function cut(sentence: string, size: number): string[] {
  const parts: string[] = []
  for (let i = 0; i < sentence.length; i += size) parts.push(sentence.slice(i, i + size))
  return parts
}
