import { createHash } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'

/**
 * The offline demo model's pictures and sounds: real files (a PNG a browser shows, a WAV it plays), made from a hash
 * of the request so the same request always gives the same bytes, and plainly not generated content.
 */

const hash = (text: string) => createHash('sha256').update(text).digest()

/** `WxH` within 64..1024 per side; the demo's default is 512×512. */
export function demoImageSize(size: string | undefined): { width: number; height: number } {
  const match = /^(\d+)x(\d+)$/.exec(size ?? '')
  const clamp = (n: number) => Math.min(1024, Math.max(64, n))
  return match
    ? { width: clamp(Number(match[1])), height: clamp(Number(match[2])) }
    : { width: 512, height: 512 }
}

/** A colour card: a vertical blend between two colours and a square in a third, all taken from the prompt's hash. */
export function demoPng(prompt: string, index: number, size: { width: number; height: number }): Buffer {
  const h = hash(`${prompt}\n${index}`)
  const colour = (at: number) => [h[at] ?? 0, h[at + 1] ?? 0, h[at + 2] ?? 0]
  const top = colour(0)
  const bottom = colour(3)
  const mark = colour(6)
  const { width, height } = size
  const side = Math.floor(Math.min(width, height) / 3)
  const left = Math.floor((width - side) / 2)
  const upper = Math.floor((height - side) / 2)
  const row = 1 + width * 3
  const raw = Buffer.alloc(row * height)
  for (let y = 0; y < height; y++) {
    const mix = height > 1 ? y / (height - 1) : 0
    const base = top.map((c, i) => Math.round(c * (1 - mix) + (bottom[i] ?? 0) * mix))
    // Each row starts with its filter type; 0 is none.
    for (let x = 0; x < width; x++) {
      const inMark = x >= left && x < left + side && y >= upper && y < upper + side
      raw.set(inMark ? mark : base, y * row + 1 + x * 3)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const RATE = 8000

/**
 * A soft tone, about as long as reading the text would take (0.5 to 4 s), 8 kHz 16-bit mono. The text rides along in
 * the file's INFO comment, so the demo transcription of a demo recording gives it back.
 */
export function demoWav(text: string): Buffer {
  const seconds = Math.min(4, Math.max(0.5, [...text].length * 0.06))
  const samples = Math.round(seconds * RATE)
  const frequency = 220 + ((hash(text)[0] ?? 0) / 255) * 440
  const pcm = Buffer.alloc(samples * 2)
  for (let i = 0; i < samples; i++) {
    const fade = Math.min(1, i / 400, (samples - i) / 400)
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / RATE) * 6000 * fade), i * 2)
  }
  const format = Buffer.alloc(16)
  format.writeUInt16LE(1, 0) // PCM
  format.writeUInt16LE(1, 2) // mono
  format.writeUInt32LE(RATE, 4)
  format.writeUInt32LE(RATE * 2, 8) // bytes per second
  format.writeUInt16LE(2, 12) // bytes per frame
  format.writeUInt16LE(16, 14) // bits per sample
  const info = Buffer.concat([Buffer.from('INFO'), riffChunk('ICMT', Buffer.from(`${text}\0`, 'utf8'))])
  const body = Buffer.concat([
    Buffer.from('WAVE'),
    riffChunk('fmt ', format),
    riffChunk('LIST', info),
    riffChunk('data', pcm),
  ])
  return Buffer.concat([Buffer.from('RIFF'), u32(body.length), body])
}

function riffChunk(id: string, data: Buffer): Buffer {
  // Chunks are padded to an even length; the size field does not count the pad byte.
  const pad = data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)
  return Buffer.concat([Buffer.from(id, 'ascii'), u32(data.length), data, pad])
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n)
  return b
}

/** The text a demo WAV carries in its INFO comment; undefined for any other audio. */
export function demoWavText(audio: Uint8Array): string | undefined {
  const bytes = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength)
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return undefined
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString('ascii', at, at + 4)
    const size = bytes.readUInt32LE(at + 4)
    if (id === 'LIST' && bytes.toString('ascii', at + 8, at + 12) === 'INFO') {
      for (let sub = at + 12; sub + 8 <= at + 8 + size; ) {
        const subSize = bytes.readUInt32LE(sub + 4)
        if (bytes.toString('ascii', sub, sub + 4) === 'ICMT') {
          return bytes.toString('utf8', sub + 8, sub + 8 + subSize).replace(/\0+$/, '')
        }
        sub += 8 + subSize + (subSize % 2)
      }
    }
    at += 8 + size + (size % 2)
  }
  return undefined
}

/** A WAV file's length in seconds (its data chunk over the format's bytes per second); undefined for other audio. */
export function wavSeconds(audio: Uint8Array): number | undefined {
  const bytes = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength)
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return undefined
  let bytesPerSecond = 0
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString('ascii', at, at + 4)
    const size = bytes.readUInt32LE(at + 4)
    if (id === 'fmt ' && at + 16 <= bytes.length) bytesPerSecond = bytes.readUInt32LE(at + 16)
    if (id === 'data') return bytesPerSecond > 0 ? size / bytesPerSecond : undefined
    at += 8 + size + (size % 2)
  }
  return undefined
}
