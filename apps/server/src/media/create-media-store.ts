import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileWriteFailed, writeFileAtomically } from '@zhiliu/documents'
import {
  checkMediaType,
  type MediaReceipt,
  type MediaStore,
  mediaTypeOfId,
  NodeError,
  newMediaId,
} from '@zhiliu/nodes'
import { z } from 'zod'
import { readMediaFile } from './media-files.ts'

export interface MediaStoreOptions {
  /** `DATA_DIR/media`. */
  root: string
  /** ZHILIU_PUBLIC_URL, or '' for addresses that start at the path, as feeds and pages do. */
  base: string
}

const Saved = z.object({ id: z.string(), mimeType: z.string(), bytes: z.number() })

/**
 * `ctx.media` on the server: files directly under DATA_DIR/media named by 128 random bits, served at `/media/<id>`.
 * Which key stored which file is kept beside them in `.keys/<sha256 of the key>.json`, written after the file, so a
 * run resumed after a crash (even in a new process) finds what it stored and stores nothing twice; a crash between
 * the two writes leaves at worst one unreferenced file.
 */
export function createMediaStore(options: MediaStoreOptions): MediaStore {
  const { root } = options
  const prefix = `${options.base.replace(/\/+$/, '')}/media/`
  const keyFile = (key: string) =>
    join(root, '.keys', `${createHash('sha256').update(key).digest('hex')}.json`)
  const receipt = (saved: z.infer<typeof Saved>, duplicate: boolean): MediaReceipt => ({
    ...saved,
    url: `${prefix}${saved.id}`,
    duplicate,
  })

  return {
    async save({ key, bytes, mimeType }) {
      const done = await readFile(keyFile(key), 'utf8').catch(() => undefined)
      if (done !== undefined) return receipt(Saved.parse(JSON.parse(done)), true)
      const type = checkMediaType(bytes, mimeType)
      const id = newMediaId(type)
      const saved = { id, mimeType: type, bytes: bytes.length }
      try {
        await mkdir(join(root, '.keys'), { recursive: true })
        await writeFileAtomically(join(root, id), bytes)
        await writeFileAtomically(keyFile(key), JSON.stringify(saved))
      } catch (err) {
        throw fileWriteFailed(err, 'MEDIA_WRITE_FAILED', 'store the file')
      }
      return receipt(saved, false)
    },

    async open(ref) {
      // The bare path too: outputs stored before ZHILIU_PUBLIC_URL was set carry it.
      const own = [prefix, '/media/'].find((start) => ref.startsWith(start))
      const id = own ? ref.slice(own.length) : ref
      const type = mediaTypeOfId(id)
      if (!type) return undefined
      const bytes = await readMediaFile(root, id)
      if (!bytes) throw new NodeError('MEDIA_NOT_FOUND', `No stored media "${id}"`, { details: { id } })
      return { id, bytes, mimeType: type }
    },
  }
}
