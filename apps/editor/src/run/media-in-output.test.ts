import { describe, expect, it } from 'vitest'
import { mediaInOutput } from './media-in-output.ts'

const id = `${'a'.repeat(32)}.png`

describe('mediaInOutput', () => {
  it('finds the images of ai.image and the audio of ai.speech', () => {
    expect(
      mediaInOutput({ images: [{ url: `/media/${id}`, mimeType: 'image/png', id }], model: 'gpt-image-1' }),
    ).toEqual([{ kind: 'image', url: `/media/${id}` }])
    const audio = { url: `https://zhiliu.example.com/media/${'b'.repeat(32)}.mp3`, mimeType: 'audio/mpeg' }
    expect(mediaInOutput({ audio })).toEqual([{ kind: 'audio', url: audio.url }])
  })

  it('shows nothing that is not a file the server stored', () => {
    for (const url of [
      'https://cdn.example.com/a.png',
      'javascript:alert(1)',
      `/media/${id}?x=1`,
      `data:image/png;base64,AAAA`,
      `file:///tmp/${id}`,
    ]) {
      expect(mediaInOutput({ images: [{ url, mimeType: 'image/png' }] }), url).toEqual([])
    }
    expect(mediaInOutput({ file: { url: `/media/${id}`, mimeType: 'text/html' } })).toEqual([])
    expect(mediaInOutput('text')).toEqual([])
  })
})
