// Test support only: the behaviour every MediaStore must show, run against each implementation (the server's
// folder under DATA_DIR, the CLI's output folder, the tests' in-memory store).
import { describe, expect, it } from 'vitest'
import type { MediaStore } from '../context.ts'
import { NodeError } from '../errors.ts'

/** A 1×1 PNG. */
export const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
)

const ascii = (text: string) => new TextEncoder().encode(text)

let seq = 0
const freshKey = () => {
  seq += 1
  return `run_contract_${seq}:node#0`
}

async function refusal(promise: Promise<unknown>): Promise<NodeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof NodeError)) throw new Error(`expected a NodeError, got ${String(err)}`)
  return err
}

export function mediaStoreContract(name: string, make: () => MediaStore | Promise<MediaStore>): void {
  describe(`${name} (MediaStore contract)`, () => {
    it('stores bytes under an id it chooses and gives them back by id and by address', async () => {
      const store = await make()
      const receipt = await store.save({ key: freshKey(), bytes: TINY_PNG, mimeType: 'image/png' })
      expect(receipt).toMatchObject({ mimeType: 'image/png', bytes: TINY_PNG.length, duplicate: false })
      expect(receipt.id).toMatch(/^[0-9a-f]{32}\.png$/)
      expect(receipt.url.endsWith(receipt.id)).toBe(true)
      for (const ref of [receipt.id, receipt.url]) {
        const opened = await store.open(ref)
        expect(opened?.mimeType).toBe('image/png')
        expect(Buffer.from(opened?.bytes ?? []).equals(Buffer.from(TINY_PNG))).toBe(true)
      }
    })

    it('stores a key once: saving it again keeps the first bytes and answers the first receipt', async () => {
      const store = await make()
      const key = freshKey()
      const first = await store.save({ key, bytes: TINY_PNG, mimeType: 'image/png' })
      const wav = ascii('RIFF\0\0\0\0WAVEfmt ')
      const again = await store.save({ key, bytes: wav, mimeType: 'audio/wav' })
      expect(again).toEqual({ ...first, duplicate: true })
      expect((await store.open(first.id))?.bytes.length).toBe(TINY_PNG.length)
    })

    it('gives the same bytes under two keys two ids', async () => {
      const store = await make()
      const a = await store.save({ key: freshKey(), bytes: TINY_PNG, mimeType: 'image/png' })
      const b = await store.save({ key: freshKey(), bytes: TINY_PNG, mimeType: 'image/png' })
      expect(a.id).not.toBe(b.id)
    })

    it('files bytes under the type their signature shows, not the label they came with', async () => {
      const store = await make()
      const receipt = await store.save({ key: freshKey(), bytes: TINY_PNG, mimeType: 'image/jpeg' })
      expect(receipt).toMatchObject({ mimeType: 'image/png', id: expect.stringMatching(/\.png$/) })
    })

    it.each([
      ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml'],
      ['HTML labelled as an image', '<html><script>alert(1)</script></html>', 'image/png'],
      ['HTML labelled as audio', '\n <!doctype html><script>alert(1)</script>', 'audio/mpeg'],
      ['a PDF', '%PDF-1.7 ...', 'application/pdf'],
    ])('refuses %s', async (_, text, mimeType) => {
      const store = await make()
      const err = await refusal(store.save({ key: freshKey(), bytes: ascii(text), mimeType }))
      expect(err).toMatchObject({ code: 'MEDIA_TYPE_REFUSED', retryable: false })
    })

    it('answers nothing for references that are not its own, and MEDIA_NOT_FOUND for its own unknown ids', async () => {
      const store = await make()
      for (const ref of ['https://cdn.example.com/a.png', '../../etc/passwd', 'a.png', '']) {
        expect(await store.open(ref), ref).toBeUndefined()
      }
      const missing = await refusal(store.open(`${'0'.repeat(32)}.png`))
      expect(missing.code).toBe('MEDIA_NOT_FOUND')
    })
  })
}
