import { createHash } from 'node:crypto'
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { checkFileName, type FileStore } from '@zhiliu/db'
import { writeFileAtomically } from '@zhiliu/documents'
import { mediaTypeOfId } from '@zhiliu/nodes'
import { z } from 'zod'

/** Where uploaded and generated media are kept without PostgreSQL: everything the disk store writes stays under here. */
export const mediaRoot = (dataDir: string) => join(dataDir, 'media')

// The shape of the key records media stores have always written, so a DATA_DIR from before reads the same.
const KeyRecord = z.object({ id: z.string(), mimeType: z.string(), bytes: z.number() })
type KeyRecord = z.infer<typeof KeyRecord>

async function readKeyRecord(path: string): Promise<KeyRecord | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  try {
    return KeyRecord.parse(JSON.parse(text))
  } catch {
    return undefined
  }
}

/**
 * The FileStore of a one-machine installation: files directly under `root` (DATA_DIR/media), named by media ids
 * only, so the type is the name's extension and no name reaches beyond the folder. Which key stored which file is
 * kept beside them in `.keys/<sha256 of the key>.json`, written after the file, so a run resumed after a crash (even
 * in a new process) finds what it stored; a crash between the two writes leaves at worst one unreferenced file. Two
 * processes storing one key at the same moment may both write (PostgreSQL's table decides that once).
 */
export function createDiskFileStore(root: string): FileStore {
  const keyFile = (key: string) =>
    join(root, '.keys', `${createHash('sha256').update(key).digest('hex')}.json`)
  const typeOf = (name: string) => mediaTypeOfId(name)
  // A plain file only: a link or folder planted under a media name is not something this store wrote.
  const statOf = async (name: string) => {
    if (!typeOf(name)) return undefined
    const stat = await lstat(join(root, name)).catch(() => undefined)
    return stat?.isFile() ? stat : undefined
  }

  return {
    async put({ name, key, contentType, bytes }) {
      checkFileName(name)
      if (typeOf(name) !== contentType)
        throw new Error(`the name "${name}" does not fit the type ${contentType}`)
      const earlier = await readKeyRecord(keyFile(key))
      if (earlier) {
        return { name: earlier.id, contentType: earlier.mimeType, size: earlier.bytes, duplicate: true }
      }
      await mkdir(join(root, '.keys'), { recursive: true })
      await writeFileAtomically(join(root, name), bytes)
      const record: KeyRecord = { id: name, mimeType: contentType, bytes: bytes.length }
      await writeFileAtomically(keyFile(key), JSON.stringify(record))
      return { name, contentType, size: bytes.length, duplicate: false }
    },

    async get(name) {
      const type = typeOf(name)
      if (!type || !(await statOf(name))) return undefined
      const bytes = await readFile(join(root, name))
      return { name, contentType: type, size: bytes.length, bytes }
    },

    async delete(name) {
      if (!(await statOf(name))) return false
      await rm(join(root, name))
      // Its key record names it; the folder is small enough to look (deletes are rare: clean-up, not runs).
      const records = await readdir(join(root, '.keys')).catch(() => [])
      for (const file of records) {
        const path = join(root, '.keys', file)
        if ((await readKeyRecord(path))?.id === name) await rm(path, { force: true })
      }
      return true
    },

    async list() {
      const names = await readdir(root).catch(() => [])
      const files = await Promise.all(
        names.sort().map(async (name) => {
          const stat = await statOf(name)
          const type = typeOf(name)
          return stat && type ? [{ name, contentType: type, size: stat.size }] : []
        }),
      )
      return files.flat()
    },
  }
}
