import { randomUUID } from 'node:crypto'
import { lstat, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
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
    const temp = join(folder, `.${randomUUID()}.tmp`)
    try {
      await writeFile(temp, content, { flag: 'wx', mode: 0o644 })
      await rename(temp, path)
    } finally {
      await rm(temp, { force: true })
    }
    return { path: [...segments, filename].join('/'), bytes: Buffer.byteLength(content) }
  } catch (err) {
    throw err instanceof NodeError ? err : writeFailed(err)
  }
}

/** The error code only: the message of a file-system error names the machine's absolute path. */
function writeFailed(err: unknown): NodeError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error'
  const full = code === 'ENOSPC' || code === 'EDQUOT'
  return new NodeError('PUBLISH_WRITE_FAILED', `Could not write the file (${code})`, {
    retryable: !full && code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS',
    details: { code },
  })
}
