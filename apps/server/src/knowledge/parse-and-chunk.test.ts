import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { chunkText, splitSentences } from './chunk-text.ts'
import { documentKind, parseDocument } from './parse-document.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)

/** The smallest .docx mammoth reads: a heading and two paragraphs. */
async function makeDocx(): Promise<Uint8Array> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  )
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  )
  const p = (text: string, style?: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`
  zip.file(
    'word/document.xml',
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p('办事须知', 'Heading1')}${p('办理居住证需要身份证。')}${p('五个工作日内办结。')}</w:body></w:document>`,
  )
  return zip.generateAsync({ type: 'uint8array' })
}

/** A one-page PDF whose text layer says `text` (Helvetica, so ASCII only), with a correct cross-reference table. */
function makePdf(text: string): Uint8Array {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return utf8(out)
}

describe('parsing documents', () => {
  it('reads .txt and .md as UTF-8 text and refuses other encodings', async () => {
    expect(await parseDocument(utf8('\uFEFF第一行\r\n第二行'), 'txt')).toBe('第一行\n第二行')
    expect(await parseDocument(utf8('# 标题\n正文'), 'md')).toBe('# 标题\n正文')
    await expect(parseDocument(new Uint8Array([0xb0, 0xa1, 0xff]), 'txt')).rejects.toThrow(/UTF-8/)
  })

  it('reads HTML as blocks with headings, leaving scripts, styles and navigation out', async () => {
    const html =
      '<html><head><title>t</title><style>p{}</style></head><body><nav>首页</nav><h2>申请条件</h2><p>年满&nbsp;16 周岁。</p><script>alert(1)</script><ul><li>身份证</li><li>照片</li></ul></body></html>'
    expect(await parseDocument(utf8(html), 'html')).toBe('## 申请条件\n\n年满 16 周岁。\n\n身份证\n\n照片')
  })

  it('reads a .docx through mammoth, its Heading 1 as a heading', async () => {
    expect(await parseDocument(await makeDocx(), 'docx')).toBe(
      '# 办事须知\n\n办理居住证需要身份证。\n\n五个工作日内办结。',
    )
    await expect(parseDocument(utf8('not a zip'), 'docx')).rejects.toThrow(/docx/)
  })

  it("reads a PDF's text layer", async () => {
    expect(await parseDocument(makePdf('Residence permit in five working days'), 'pdf')).toContain(
      'Residence permit in five working days',
    )
    await expect(parseDocument(utf8('%PDF-1.4 broken'), 'pdf')).rejects.toThrow(/PDF/)
  })

  it('knows a document by its type, else by its extension', () => {
    expect(documentKind('application/pdf', 'x')).toBe('pdf')
    expect(documentKind('application/octet-stream', '指南.DOCX')).toBe('docx')
    expect(documentKind('text/plain; charset=utf-8', 'a.md')).toBe('txt')
    expect(documentKind('', 'page.htm')).toBe('html')
    expect(documentKind('image/png', 'a.png')).toBeUndefined()
  })
})

describe('chunking Chinese text', () => {
  it('splits sentences after 。！？； with closing quotes kept', () => {
    expect(splitSentences('他说：“可以。”然后走了！真的吗？是；好')).toEqual([
      '他说：“可以。”',
      '然后走了！',
      '真的吗？',
      '是；',
      '好',
    ])
  })

  it('keeps short paragraphs whole and together, and never mixes two sections', () => {
    const chunks = chunkText('# 总则\n第一段。\n第二段。\n# 申请\n## 材料\n身份证。', {
      size: 100,
      overlap: 0,
    })
    expect(chunks).toEqual([
      { heading: '总则', text: '第一段。\n第二段。' },
      { heading: '申请 › 材料', text: '身份证。' },
    ])
  })

  it('cuts a long paragraph at sentence ends, repeating the last sentences as overlap', () => {
    const sentence = (n: number) => `这是第${n}句话，用来凑够长度。` // 14 characters
    const paragraph = Array.from({ length: 10 }, (_, i) => sentence(i)).join('')
    const chunks = chunkText(paragraph, { size: 60, overlap: 20 })
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(60)
      expect(chunk.text).toMatch(/。$/)
    }
    // Each chunk after the first starts with the previous one's last sentence.
    for (let i = 1; i < chunks.length; i++) {
      const last = splitSentences(chunks[i - 1]?.text ?? '').at(-1) ?? ''
      expect(chunks[i]?.text.startsWith(last)).toBe(true)
    }
    expect(chunks.map((c) => c.text).join('')).toContain(sentence(9))
  })

  it('cuts within a sentence only when one sentence is longer than the size', () => {
    const chunks = chunkText('长'.repeat(130), { size: 50, overlap: 10 })
    expect(chunks.map((c) => c.text.length)).toEqual([50, 50, 30])
  })
})
