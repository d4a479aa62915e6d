import { describe, expect, it } from 'vitest'
import { TINY_PNG } from '../media/media-store-contract.ts'
import { findMedia, mediaRef, toDataUrl } from './find-media.ts'
import { nodeError } from './test-context.ts'
import { createTestMediaStore } from './test-media-store.ts'

const WAV = new TextEncoder().encode('RIFF\x24\0\0\0WAVEfmt ')

describe('findMedia', () => {
  it('reads a stored file by its address, its id, the stored object, a list of them, a node output or its JSON', async () => {
    const media = createTestMediaStore()
    const saved = await media.save({ key: 'k', bytes: TINY_PNG, mimeType: 'image/png' })
    const file = { url: saved.url, mimeType: saved.mimeType, id: saved.id }
    for (const value of [
      saved.url,
      ` ${saved.id} `,
      file,
      [file],
      { images: [file], model: 'demo-image', provider: 'demo' },
      JSON.stringify(file),
    ]) {
      const found = await findMedia(value, { media }, 'image')
      expect({ value, found }).toMatchObject({ value, found: { kind: 'stored', media: { id: saved.id } } })
    }
  })

  it('leaves web addresses and data: URLs to the caller without asking the store', async () => {
    const media = createTestMediaStore()
    media.open = () => Promise.reject(new Error('the store was asked'))
    expect(await findMedia('https://example.com/a.jpg', { media }, 'image')).toEqual({
      kind: 'web',
      url: 'https://example.com/a.jpg',
    })
    expect(await findMedia('data:image/png;base64,AAAA', { media }, 'image')).toEqual({
      kind: 'inline',
      url: 'data:image/png;base64,AAAA',
    })
  })

  it('refuses an empty value, a path, a file of the other kind and an id nothing is stored under', async () => {
    const media = createTestMediaStore()
    const audio = await media.save({ key: 'a', bytes: WAV, mimeType: 'audio/wav' })
    const code = async (value: unknown, kind: 'image' | 'audio') =>
      (await nodeError(findMedia(value, { media }, kind))).code
    expect(await code({ url: '' }, 'image')).toBe('AI_INPUT_EMPTY')
    expect(await code('/etc/passwd', 'image')).toBe('AI_IMAGE_INVALID')
    expect(await code(audio.url, 'image')).toBe('AI_IMAGE_INVALID')
    expect(await code('data:text/html,<b>', 'image')).toBe('AI_IMAGE_INVALID')
    expect(await code('data:image/png;base64,AAAA', 'audio')).toBe('AI_AUDIO_INVALID')
    expect(await code(`${'a'.repeat(32)}.mp3`, 'audio')).toBe('MEDIA_NOT_FOUND')
  })
})

describe('mediaRef', () => {
  it('names the first file of a list and keeps text that only looks like JSON', () => {
    expect(mediaRef([{ id: 'b.png' }, { id: 'c.png' }])).toBe('b.png')
    expect(mediaRef('[not json')).toBe('[not json')
    expect(mediaRef({ audio: { url: '/media/x.wav' } })).toBe('/media/x.wav')
    expect(mediaRef(undefined)).toBe('')
  })
})

describe('toDataUrl', () => {
  it('encodes files larger than one chunk exactly', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256)
    const url = toDataUrl({ id: 'x.png', bytes, mimeType: 'image/png' })
    expect(url.startsWith('data:image/png;base64,')).toBe(true)
    expect(Buffer.from(url.slice(22), 'base64').equals(bytes)).toBe(true)
  })
})
