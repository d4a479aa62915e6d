import { randomUUID } from 'node:crypto'
import { lstat, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Store } from '@zhiliu/db'
import { type FileReceipt, type FileRequest, NodeError } from '@zhiliu/nodes'
import { z } from 'zod'
import { pageDocument } from '../pages/page-document.ts'
import { renderMarkdown } from '../render-markdown.ts'
import { checkFilePath } from './check-file-path.ts'
import { openFolder } from './open-folder.ts'

const Written = z.object({ path: z.string(), bytes: z.number() })

export interface FileTarget {
  store: Store
  /** `DATA_DIR/files`. */
  root: string
  ownerId: string
  now: () => number
}

/**
 * Writes once per key. The bytes go to a temp file beside the target and are renamed over it, so a reader never sees
 * half a file. A key already done answers with its first result; one left pending (a crash mid-write) is simply
 * written again, which replaces the same file with the same content.
 */
export async function writePublishedFile(target: FileTarget, file: FileRequest): Promise<FileReceipt> {
  const segments = checkFilePath(file.folder.trim(), file.filename)
  const { store, ownerId } = target
  const claim = await store.claimPublish({ key: file.key, kind: 'file', ownerId, now: target.now() })
  if (claim.status === 'done') return { ...Written.parse(claim.result), duplicate: true }
  try {
    const folder = await openFolder(target.root, segments)
    const path = join(folder, file.filename)
    const existing = await lstat(path).catch(() => undefined)
    if (existing && !existing.isFile()) {
      throw new NodeError('PUBLISH_PATH_REFUSED', `"${file.filename}" exists and is not a plain file`, {
        details: { field: 'filename' },
      })
    }
    // The same sanitised page as /p/ serves, policy included, so opening the file is as safe as reading the page.
    const content = file.html
      ? pageDocument({ title: file.html.title, html: renderMarkdown(file.content) })
      : file.content
    const temp = join(folder, `.${randomUUID()}.tmp`)
    try {
      await writeFile(temp, content, { flag: 'wx', mode: 0o644 })
      await rename(temp, path)
    } finally {
      await rm(temp, { force: true })
    }
    const written = { path: [...segments, file.filename].join('/'), bytes: Buffer.byteLength(content) }
    await store.finishPublish(file.key, written, target.now())
    return { ...written, duplicate: false }
  } catch (err) {
    // Nothing reached its final name, or a retry rewrites it the same way: either way the key may be used again.
    await store.releasePublish(file.key)
    throw err instanceof NodeError ? err : writeFailed(err)
  }
}

/** The error code only: the message of a file-system error names the server's absolute path. */
function writeFailed(err: unknown): NodeError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error'
  const full = code === 'ENOSPC' || code === 'EDQUOT'
  return new NodeError('PUBLISH_WRITE_FAILED', `Could not write the file (${code})`, {
    retryable: !full && code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS',
    details: { code },
  })
}
