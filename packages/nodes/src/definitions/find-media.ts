import { fromBase64, toBase64 } from '../base64.ts'
import type { NodeContext, StoredMedia } from '../context.ts'
import { NodeError } from '../errors.ts'
import { mediaTypeOfId } from '../media/media-types.ts'
import { toText } from './to-text.ts'

/** Where the file a media node was given is: kept by this run's media store, on the web, or inline. */
export type MediaSource =
  | { kind: 'stored'; media: StoredMedia }
  | { kind: 'web'; url: string }
  | { kind: 'inline'; url: string }

const NAMES = {
  image: { code: 'AI_IMAGE_INVALID', noun: 'image', a: 'an image' },
  audio: { code: 'AI_AUDIO_INVALID', noun: 'audio', a: 'audio' },
} as const

/**
 * The file a media node's field names, in any of the forms a flow has at hand: a stored file from an earlier node
 * (`{{ nodes.draw.images[0] }}`, the whole `{{ nodes.draw }}` or `{{ nodes.speak }}` output, or that object as JSON
 * text), its `url` (`/media/<id>`, or absolute under ZHILIU_PUBLIC_URL), its bare id, an uploaded file's address, an
 * http(s) address elsewhere, or a `data:` URL. Stored files are read through `ctx.media`, because a provider cannot
 * reach a URL on this server (often localhost); anything else is left for the caller to send or download.
 */
export async function findMedia(
  value: unknown,
  ctx: Pick<NodeContext, 'media'>,
  kind: keyof typeof NAMES,
): Promise<MediaSource> {
  const names = NAMES[kind]
  const ref = mediaRef(value)
  if (!ref) {
    throw new NodeError(
      'AI_INPUT_EMPTY',
      `The ${names.noun} is empty; give an address or ${names.a} file an earlier node stored or you uploaded`,
    )
  }
  if (/^data:/i.test(ref)) {
    if (ref.slice(5, 5 + kind.length + 1).toLowerCase() !== `${kind}/`) throw notKind(ref, 'data: URL')
    return { kind: 'inline', url: ref }
  }
  // Only a name a store could have given is worth asking about; any other address is not ours to read.
  const stored = mediaTypeOfId(lastSegment(ref)) ? await ctx.media.open(ref) : undefined
  if (stored) {
    if (!stored.mimeType.startsWith(`${kind}/`)) throw notKind(ref, stored.mimeType)
    return { kind: 'stored', media: stored }
  }
  if (/^https?:\/\//i.test(ref)) return { kind: 'web', url: ref }
  throw new NodeError(
    names.code,
    `The ${names.noun} must be an http(s) address or ${names.a} file stored on this server, got "${ref.slice(0, 80)}"`,
  )

  function notKind(where: string, type: string): NodeError {
    return new NodeError(names.code, `"${where.slice(0, 80)}" is not ${names.a} (${type})`)
  }
}

/** The address or id in a field's value; a list names its first file. */
export function mediaRef(value: unknown, depth = 0): string {
  if (typeof value === 'string') {
    const text = value.trim()
    // An object the editor showed as JSON and a person saved back as text.
    if (/^[[{]/.test(text) && depth === 0) {
      try {
        return mediaRef(JSON.parse(text), depth + 1)
      } catch {
        return text
      }
    }
    return text
  }
  if (depth > 3) return ''
  if (Array.isArray(value)) return mediaRef(value[0], depth + 1)
  if (typeof value === 'object' && value !== null) {
    const { url, id, images, audio } = value as Record<string, unknown>
    const named = url ?? id ?? (Array.isArray(images) ? images : audio)
    return named === undefined ? '' : mediaRef(named, depth + 1)
  }
  return toText(value).trim()
}

function lastSegment(ref: string): string {
  const path = ref.split(/[?#]/, 1)[0] ?? ''
  return path.slice(path.lastIndexOf('/') + 1)
}

/** `data:<type>;base64,…` for bytes read from the store. */
export function toDataUrl(media: StoredMedia): string {
  return `data:${media.mimeType};base64,${toBase64(media.bytes)}`
}

/**
 * The bytes of a `data:<type>;base64,…` URL (what a webhook caller can put in a JSON body), refused past
 * `maxBytes` before decoding. Undefined for a data: URL that is not base64, which no media file is.
 */
export function fromDataUrl(
  url: string,
  maxBytes: number,
): { bytes: Uint8Array; mimeType: string } | undefined {
  const comma = url.indexOf(',')
  const header = url.slice(5, comma)
  if (comma < 0 || !/;base64$/i.test(header)) return undefined
  const payload = url.slice(comma + 1).replace(/\s+/g, '')
  // Four base64 characters carry three bytes.
  if (Math.floor((payload.length * 3) / 4) > maxBytes + 2) {
    throw new NodeError('MEDIA_TOO_LARGE', `The data: URL holds more than ${maxBytes} bytes`, {
      details: { maxBytes },
    })
  }
  const bytes = fromBase64(payload)
  return bytes && { bytes, mimeType: header.split(';', 1)[0]?.toLowerCase() ?? '' }
}
