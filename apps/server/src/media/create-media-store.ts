import type { FileStore } from '@zhiliu/db'
import { fileWriteFailed } from '@zhiliu/documents'
import { checkMediaType, type MediaStore, mediaTypeOfId, NodeError, newMediaId } from '@zhiliu/nodes'

export interface MediaStoreOptions {
  /** The disk folder under DATA_DIR or PostgreSQL's table (the server's `deps.files`). */
  files: FileStore
  /** ZHILIU_PUBLIC_URL, or '' for addresses that start at the path, as feeds and pages do. */
  base: string
}

/**
 * `ctx.media` on the server: files named by 128 random bits and their type's extension, served at `/media/<id>` by
 * every process that reaches `files`. The key makes a save once-only (see FileStore), so a run resumed after a crash,
 * in this process or another, finds what it stored and stores nothing twice.
 */
export function createMediaStore({ files, base }: MediaStoreOptions): MediaStore {
  const prefix = `${base.replace(/\/+$/, '')}/media/`
  return {
    async save({ key, bytes, mimeType }) {
      const type = checkMediaType(bytes, mimeType)
      const stored = await files
        .put({ name: newMediaId(type), key, contentType: type, bytes })
        .catch((err: unknown) => {
          // A full or read-only disk, or an unreachable database: the server's trouble, not the file's.
          throw fileWriteFailed(err, 'MEDIA_WRITE_FAILED', 'store the file')
        })
      const { name: id, contentType, size, duplicate } = stored
      return { id, url: `${prefix}${id}`, mimeType: contentType, bytes: size, duplicate }
    },

    async open(ref) {
      // The bare path too: outputs stored before ZHILIU_PUBLIC_URL was set carry it.
      const own = [prefix, '/media/'].find((start) => ref.startsWith(start))
      const id = own ? ref.slice(own.length) : ref
      const type = mediaTypeOfId(id)
      if (!type) return undefined
      const file = await files.get(id)
      if (!file) throw new NodeError('MEDIA_NOT_FOUND', `No stored media "${id}"`, { details: { id } })
      return { id, bytes: file.bytes, mimeType: type }
    },
  }
}
