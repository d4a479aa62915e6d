/** Each document may be up to 20 MB. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

export const DOCUMENT_KINDS = {
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const
export type DocumentKind = keyof typeof DOCUMENT_KINDS

/** The document's kind from its declared type, else its name's extension; undefined when it is none we read. */
export function documentKind(mimeType: string, name: string): DocumentKind | undefined {
  const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? ''
  for (const [kind, known] of Object.entries(DOCUMENT_KINDS)) if (type === known) return kind as DocumentKind
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase()
  if (ext === 'htm') return 'html'
  if (ext === 'markdown') return 'md'
  if (ext && ext in DOCUMENT_KINDS) return ext as DocumentKind
  if (type === 'text/x-markdown') return 'md'
  return undefined
}

export class DocumentParseError extends Error {}

/**
 * A document's text for chunking: paragraphs on their own lines and headings as Markdown `#` lines. Text must be
 * UTF-8; a PDF gives its text layer only (a scan without one has no text, and says so).
 */
export async function parseDocument(bytes: Uint8Array, kind: DocumentKind): Promise<string> {
  if (kind === 'txt' || kind === 'md') return utf8(bytes).replace(/\r\n?/g, '\n')
  // htmlparser2 and its entity tables (≈ 7 MB) load with the first HTML or .docx document, not at start-up.
  if (kind === 'html') return (await import('./html-to-text.ts')).htmlToText(utf8(bytes))
  if (kind === 'docx') {
    const { htmlToText } = await import('./html-to-text.ts')
    const { default: mammoth } = await import('mammoth')
    try {
      const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })
      return htmlToText(value)
    } catch (err) {
      throw new DocumentParseError(`not a readable .docx file (${(err as Error).message})`)
    }
  }
  const { extractText, getDocumentProxy } = await import('unpdf')
  let pages: string[]
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes))
    pages = (await extractText(pdf, { mergePages: false })).text
  } catch (err) {
    throw new DocumentParseError(`not a readable PDF (${(err as Error).message})`)
  }
  const text = pages
    .map((page) => page.trim())
    .filter(Boolean)
    .join('\n\n')
  if (!text) throw new DocumentParseError('the PDF has no text layer (a scanned image); run OCR on it first')
  return text
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    throw new DocumentParseError('the text is not UTF-8; save it as UTF-8 and upload it again')
  }
}
