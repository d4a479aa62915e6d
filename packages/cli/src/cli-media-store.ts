import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  checkMediaType,
  type MediaReceipt,
  type MediaStore,
  mediaTypeOfId,
  NodeError,
  newMediaId,
} from '@zhiliu/nodes'
import { oncePerKey } from './once-per-key.ts'

/**
 * `ctx.media` for the command line, which has no server to host files. They go into `dir` — `zhiliu run` passes
 * `<--out>/media`, by default `./zhiliu-output/media` — created on the first save, so runs without media leave
 * nothing behind, and are answered as `file://` URLs a person can open. A CLI run lives in one process and is never
 * resumed, so the keys already stored are remembered in memory.
 */
export function createCliMediaStore(dir: string): MediaStore {
  const folder = resolve(dir)
  const prefix = `${pathToFileURL(folder).href}/`
  const once = oncePerKey<MediaReceipt>()
  return {
    save: ({ key, bytes, mimeType }) =>
      once(key, async () => {
        const type = checkMediaType(bytes, mimeType)
        const id = newMediaId(type)
        await mkdir(folder, { recursive: true })
        await writeFile(join(folder, id), bytes, { flag: 'wx' })
        return { id, url: `${prefix}${id}`, mimeType: type, bytes: bytes.length, duplicate: false }
      }),

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
