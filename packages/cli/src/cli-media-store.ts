import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  checkMediaType,
  MEDIA_TYPES,
  type MediaReceipt,
  type MediaStore,
  mediaTypeOfId,
  NodeError,
} from '@zhiliu/nodes'

/**
 * `ctx.media` for the command line, which has no server to host files. They go into `dir` — `zhiliu run` passes
 * `<--out>/media`, by default `./zhiliu-output/media` — created on the first save, so runs without media leave
 * nothing behind, and are answered as `file://` URLs a person can open. A CLI run lives in one process and is never
 * resumed, so the keys already stored are remembered in memory.
 */
export function createCliMediaStore(dir: string): MediaStore {
  const folder = resolve(dir)
  const prefix = `${pathToFileURL(folder).href}/`
  const byKey = new Map<string, MediaReceipt>()
  return {
    async save({ key, bytes, mimeType }) {
      const done = byKey.get(key)
      if (done) return { ...done, duplicate: true }
      const type = checkMediaType(bytes, mimeType)
      const id = `${randomBytes(16).toString('hex')}.${MEDIA_TYPES[type]}`
      await mkdir(folder, { recursive: true })
      await writeFile(join(folder, id), bytes, { flag: 'wx' })
      const receipt = { id, url: `${prefix}${id}`, mimeType: type, bytes: bytes.length, duplicate: false }
      byKey.set(key, receipt)
      return receipt
    },

    async open(ref) {
      const id = ref.startsWith(prefix) ? ref.slice(prefix.length) : ref
      const type = mediaTypeOfId(id)
      if (!type) return undefined
      const bytes = await readFile(join(folder, id)).catch(() => undefined)
      if (!bytes) throw new NodeError('MEDIA_NOT_FOUND', `No file "${id}" in ${folder}`, { details: { id } })
      return { id, bytes, mimeType: type }
    },
  }
}
