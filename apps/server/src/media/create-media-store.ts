import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  checkMediaType,
  MEDIA_TYPES,
  type MediaReceipt,
  type MediaStore,
  mediaTypeOfId,
  NodeError,
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
      const id = `${randomBytes(16).toString('hex')}.${MEDIA_TYPES[type]}`
      const saved = { id, mimeType: type, bytes: bytes.length }
      try {
        await mkdir(join(root, '.keys'), { recursive: true })
        await writeAtomically(join(root, id), bytes)
        await writeAtomically(keyFile(key), JSON.stringify(saved))
      } catch (err) {
        throw writeFailed(err)
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

/** Through a temp file and a rename, so a reader (or a resumed run) never sees half a file. */
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temp = join(path, '..', `.${randomUUID()}.tmp`)
  try {
    await writeFile(temp, data, { flag: 'wx', mode: 0o644 })
    await rename(temp, path)
  } finally {
    await rm(temp, { force: true })
  }
}

/** The error code only: the message of a file-system error names the server's absolute path. */
function writeFailed(err: unknown): NodeError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error'
  return new NodeError('MEDIA_WRITE_FAILED', `Could not store the file (${code})`, {
    retryable: !['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS'].includes(code),
    details: { code },
  })
}
