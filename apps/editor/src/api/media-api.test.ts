import { afterEach, describe, expect, it, vi } from 'vitest'
import { uploadMedia, uploadProblem } from './media-api.ts'
import { ApiError } from './request.ts'

afterEach(() => vi.unstubAllGlobals())

describe('uploadProblem', () => {
  it('takes raster images and audio within the limit, and names why anything else is refused', () => {
    expect(uploadProblem({ type: 'image/png', size: 1000 }, 'image/*')).toBeUndefined()
    expect(uploadProblem({ type: 'audio/x-m4a', size: 1000 }, 'audio/*')).toBeUndefined()
    expect(uploadProblem({ type: 'image/svg+xml', size: 100 }, 'image/*')).toBe('form.uploadWrongType')
    expect(uploadProblem({ type: '', size: 100 }, 'audio/*')).toBe('form.uploadWrongType')
    expect(uploadProblem({ type: 'audio/mpeg', size: 100 }, 'image/*')).toBe('form.uploadWrongType')
    expect(uploadProblem({ type: 'image/jpeg', size: 21 * 1024 * 1024 }, 'image/*')).toBe(
      'form.uploadTooLarge',
    )
    expect(uploadProblem({ type: 'audio/mpeg', size: 21 * 1024 * 1024 }, 'audio/*')).toBeUndefined()
  })
})

describe('uploadMedia', () => {
  it('sends the file itself as the body with its own type and answers the stored file', async () => {
    const answer = { id: 'a.png', url: '/media/a.png', mimeType: 'image/png', bytes: 3 }
    const fetch = vi.fn(async () => new Response(JSON.stringify(answer), { status: 201 }))
    vi.stubGlobal('fetch', fetch)
    const file = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' })
    expect(await uploadMedia(file)).toEqual(answer)
    expect(fetch).toHaveBeenCalledWith('/api/media', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'image/png' },
      body: file,
    })
  })

  it("turns the server's refusal into an ApiError with its code", async () => {
    const refusal = { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'no SVG' } }
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(refusal), { status: 415 }))
    const err = await uploadMedia(new Blob(['<svg/>'], { type: 'image/svg+xml' })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'no SVG' })
  })
})
