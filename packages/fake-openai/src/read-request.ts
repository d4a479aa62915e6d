import type { IncomingMessage } from 'node:http'

export type ParsedBody = { ok: true; value: unknown } | { ok: false; reason: string }

/**
 * Reads a request body the way the provider would: JSON for most endpoints, multipart for audio uploads (parsed by
 * the platform's own form-data reader, so the SDK's real encoding is what gets checked).
 */
export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const raw = Buffer.concat(chunks)
  if (raw.length === 0) return { ok: true, value: undefined }
  const type = req.headers['content-type'] ?? ''
  if (type.startsWith('multipart/form-data')) return readForm(raw, type)
  const text = raw.toString('utf8')
  if (!type.includes('json')) return { ok: true, value: text }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (err) {
    return {
      ok: false,
      reason: `We could not parse the JSON body of your request. (${(err as Error).message})`,
    }
  }
}

async function readForm(raw: Buffer, type: string): Promise<ParsedBody> {
  try {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData()
    const fields: Record<string, unknown> = {}
    for (const [key, value] of form) {
      fields[key] =
        typeof value === 'string' ? value : { name: value.name, size: value.size, type: value.type }
    }
    return { ok: true, value: fields }
  } catch (err) {
    return { ok: false, reason: `Invalid multipart body: ${(err as Error).message}` }
  }
}

/** Header values as one string each, for the request log. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
