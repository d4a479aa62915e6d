export interface DecodedMail {
  raw: string
  /** Header names lowercased, values unfolded and with RFC 2047 words decoded. */
  headers: Record<string, string>
  text: string | undefined
  html: string | undefined
}

/**
 * Test support: just enough MIME to read back what nodemailer sends (headers with encoded words, one level of
 * multipart/alternative, base64 and quoted-printable parts), so tests assert on the message as a mail client sees it.
 */
export function decodeMail(raw: string): DecodedMail {
  const { headers, body } = splitPart(raw)
  const parts = partsOf(headers, body)
  const find = (type: string) =>
    parts.find((p) => (p.headers['content-type'] ?? 'text/plain').startsWith(type))
  return { raw, headers, text: find('text/plain')?.content, html: find('text/html')?.content }
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n')
  const head = at < 0 ? raw : raw.slice(0, at)
  const body = at < 0 ? '' : raw.slice(at + 4)
  const headers: Record<string, string> = {}
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim())
  }
  return { headers, body }
}

function partsOf(
  headers: Record<string, string>,
  body: string,
): Array<{ headers: Record<string, string>; content: string }> {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1]
  if (!boundary) return [{ headers, content: decodeBody(body, headers['content-transfer-encoding']) }]
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => splitPart(chunk.replace(/^\r\n/, '')))
    .flatMap((part) => partsOf(part.headers, part.body))
}

function decodeBody(body: string, encoding = '7bit'): string {
  const text = body.replace(/\r\n$/, '')
  if (/base64/i.test(encoding)) return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (/quoted-printable/i.test(encoding)) return quotedPrintable(text.replace(/=\r\n/g, ''))
  return text
}

function quotedPrintable(text: string): string {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-F]{2}/i.exec(text.slice(i + 1, i + 3))?.[0] : undefined
    if (hex) {
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else bytes.push(...Buffer.from(text[i] ?? '', 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : quotedPrintable(data.replace(/_/g, ' ')),
    )
}
