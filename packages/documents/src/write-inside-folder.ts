import { randomUUID } from 'node:crypto'
import { lstat, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { NodeError } from '@zhiliu/nodes'
import { openFolder } from './open-folder.ts'

export interface WrittenFile {
  /** Relative to the root, `/`-separated. */
  path: string
  bytes: number
}

/**
 * Writes `content` at `segments/filename` under `root` (both already checked by `checkFilePath`). The bytes go to a
 * temp file beside the target and are renamed over it, so a reader never sees half a file.
 */
export async function writeInsideFolder(
  root: string,
  segments: readonly string[],
  filename: string,
  content: string,
): Promise<WrittenFile> {
  try {
    const folder = await openFolder(root, segments)
    const path = join(folder, filename)
    const existing = await lstat(path).catch(() => undefined)
    if (existing && !existing.isFile()) {
      throw new NodeError('PUBLISH_PATH_REFUSED', `"${filename}" exists and is not a plain file`, {
        details: { field: 'filename' },
      })
    }
    await writeFileAtomically(path, content)
    return { path: [...segments, filename].join('/'), bytes: Buffer.byteLength(content) }
  } catch (err) {
    throw err instanceof NodeError ? err : fileWriteFailed(err, 'PUBLISH_WRITE_FAILED', 'write the file')
  }
}

/** Through a temp file beside `path` and a rename, so a reader (or a resumed run) never sees half a file. */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${randomUUID()}.tmp`)
  try {
    await writeFile(temp, data, { flag: 'wx', mode: 0o644 })
    await rename(temp, path)
  } finally {
    await rm(temp, { force: true })
  }
}

/**
 * A file-system failure as a node error: the error code only, since the message of a file-system error names the
 * machine's absolute path; retryable unless the disk is full or the folder cannot be written at all.
 */
export function fileWriteFailed(err: unknown, code: string, what: string): NodeError {
  const reason = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error'
  return new NodeError(code, `Could not ${what} (${reason})`, {
    retryable: !['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS'].includes(reason),
    details: { code: reason },
  })
}
