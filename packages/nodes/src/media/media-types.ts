import { NodeError } from '../errors.ts'

/**
 * The only kinds of file the media store keeps and serves, with the extension each is stored under. Raster images
 * and audio only: a browser never runs them, whereas SVG and HTML may carry script.
 */
export const MEDIA_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/aac': 'aac',
  'audio/flac': 'flac',
  'audio/mp4': 'm4a',
  'audio/webm': 'weba',
} as const

export type MediaType = keyof typeof MEDIA_TYPES

// Names providers and servers use for the same formats.
const ALIASES: Record<string, MediaType> = {
  'image/jpg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/opus': 'audio/ogg',
  'audio/x-flac': 'audio/flac',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/aacp': 'audio/aac',
}

export function isMediaType(value: string): value is MediaType {
  return Object.hasOwn(MEDIA_TYPES, value)
}

/** `Audio/MP3; charset=binary` → `audio/mpeg`; undefined for anything not on the list. */
export function normalMediaType(value: string): MediaType | undefined {
  const bare = value.split(';')[0]?.trim().toLowerCase() ?? ''
  if (isMediaType(bare)) return bare
  return Object.hasOwn(ALIASES, bare) ? ALIASES[bare] : undefined
}

export function mediaTypeOfExtension(ext: string): MediaType | undefined {
  return (Object.keys(MEDIA_TYPES) as MediaType[]).find((type) => MEDIA_TYPES[type] === ext)
}

const MEDIA_ID = new RegExp(`^[0-9a-f]{32}\\.(${Object.values(MEDIA_TYPES).join('|')})$`)

/**
 * The type of a media id — 128 random bits in hex and an extension from the list, the whole name of a stored file —
 * and undefined for anything else. Stores read and serve nothing by any other name, so no path a request or a flow
 * supplies can reach beyond their folder, or a file they did not write.
 */
export function mediaTypeOfId(id: string): MediaType | undefined {
  const match = MEDIA_ID.exec(id)
  return match?.[1] ? mediaTypeOfExtension(match[1]) : undefined
}

/** A new id of that shape for a file of `type`: the one way stores name what they keep. */
export function newMediaId(type: MediaType): string {
  const bits = globalThis.crypto.getRandomValues(new Uint8Array(16))
  return `${Array.from(bits, (b) => b.toString(16).padStart(2, '0')).join('')}.${MEDIA_TYPES[type]}`
}

const startsWith = (bytes: Uint8Array, at: number, ascii: string) =>
  [...ascii].every((c, i) => bytes[at + i] === c.charCodeAt(0))

/** The format the bytes' own signature names, for the formats on the list that have one. */
export function sniffMediaType(bytes: Uint8Array): MediaType | undefined {
  if (bytes[0] === 0x89 && startsWith(bytes, 1, 'PNG\r\n\x1a\n')) return 'image/png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a')) return 'image/gif'
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'image/webp'
  if (startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WAVE')) return 'audio/wav'
  if (startsWith(bytes, 0, 'OggS')) return 'audio/ogg'
  if (startsWith(bytes, 0, 'fLaC')) return 'audio/flac'
  if (startsWith(bytes, 0, 'ID3')) return 'audio/mpeg'
  if (startsWith(bytes, 4, 'ftyp')) return 'audio/mp4'
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'audio/webm'
  // An MPEG audio frame and an AAC ADTS frame share the 0xFFF sync; ADTS has layer bits 00, MP3 never does.
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) {
    return ((bytes[1] ?? 0) & 0x06) === 0 ? 'audio/aac' : 'audio/mpeg'
  }
  return undefined
}

/** Text that a browser could take for a page or a drawing, whatever label it came with. */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart()
  return head.startsWith('<')
}

/**
 * The type to store bytes under. A signature wins over the label (providers guess labels from URLs). Audio without
 * a readable signature (raw frames, an unusual container) is taken as labelled; an image must prove what it is.
 * Anything else — SVG, HTML, an unknown label — is refused with MEDIA_TYPE_REFUSED.
 */
export function checkMediaType(bytes: Uint8Array, label: string): MediaType {
  const sniffed = sniffMediaType(bytes)
  if (sniffed) return sniffed
  const labelled = normalMediaType(label)
  if (labelled?.startsWith('audio/') && bytes.length > 0 && !looksLikeMarkup(bytes)) return labelled
  throw new NodeError(
    'MEDIA_TYPE_REFUSED',
    `Only PNG, JPEG, WebP and GIF images and audio files are stored; these ${bytes.length} bytes labelled "${label.slice(0, 80)}" are neither`,
    { details: { mimeType: label.slice(0, 200), bytes: bytes.length } },
  )
}
