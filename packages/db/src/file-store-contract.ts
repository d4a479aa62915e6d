// Test support only: the behaviour every FileStore shows, run against each implementation (the server's folder
// under DATA_DIR and PostgreSQL's table).
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { FileStore } from './file-store.ts'

/** A name of the one shape the server stores under (128 random bits and the type's extension): every store takes it. */
const freshName = (ext = 'png') => `${randomBytes(16).toString('hex')}.${ext}`
const freshKey = () => `run_${randomBytes(6).toString('hex')}:node#0`
const bytesOf = (text: string) => new TextEncoder().encode(text)
const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined)
/** A PNG-named file holding `content` (the store keeps bytes; it checks no format). */
const png = (key: string, content: string, name = freshName()) => ({
  name,
  key,
  contentType: 'image/png',
  bytes: bytesOf(content),
})

export function describeFileStore(name: string, open: () => Promise<FileStore>): void {
  describe(`${name} (FileStore contract)`, () => {
    it('gives back what it stored by name, with its type and size, and lists it', async () => {
      const files = await open()
      const file = { name: freshName('wav'), key: freshKey(), contentType: 'audio/wav' }
      const stored = await files.put({ ...file, bytes: bytesOf('RIFF one two') })
      expect(stored).toEqual({ name: file.name, contentType: 'audio/wav', size: 12, duplicate: false })
      const read = await files.get(file.name)
      expect(read).toMatchObject({ name: file.name, contentType: 'audio/wav', size: 12 })
      expect(text(read?.bytes)).toBe('RIFF one two')
      expect(await files.list()).toContainEqual({ name: file.name, contentType: 'audio/wav', size: 12 })
    })

    it('stores a key once: a second put with it stores nothing and answers the first file', async () => {
      const files = await open()
      const key = freshKey()
      const first = await files.put(png(key, 'first'))
      const secondName = freshName()
      const again = await files.put(png(key, 'second', secondName))
      expect(again).toEqual({ ...first, duplicate: true })
      expect(text((await files.get(first.name))?.bytes)).toBe('first')
      expect(await files.get(secondName)).toBeUndefined()
      expect((await files.list()).map((f) => f.name)).not.toContain(secondName)
    })

    it('answers nothing for a name it does not hold or could never have given, whatever path it spells', async () => {
      const files = await open()
      await files.put(png(freshKey(), 'x'))
      for (const name of [
        freshName(),
        '',
        '.',
        '..',
        '../zhiliu.db',
        '.keys',
        'a/b.png',
        `/${freshName()}`,
      ]) {
        expect(await files.get(name)).toBeUndefined()
      }
      await expect(files.put(png(freshKey(), 'x', '../escape.png'))).rejects.toThrow(
        /not a stored file's name/,
      )
    })

    it('deletes a file and forgets its key, so the key stores anew', async () => {
      const files = await open()
      const key = freshKey()
      const first = await files.put(png(key, 'old'))
      expect(await files.delete(first.name)).toBe(true)
      expect(await files.get(first.name)).toBeUndefined()
      expect(await files.delete(first.name)).toBe(false)
      const next = await files.put(png(key, 'new'))
      expect(next.duplicate).toBe(false)
      expect(text((await files.get(next.name))?.bytes)).toBe('new')
    })
  })
}
