import type { Store } from '@zhiliu/db'
import { checkFilePath, fileContent, writeInsideFolder } from '@zhiliu/documents'
import type { FileReceipt, FileRequest } from '@zhiliu/nodes'
import { z } from 'zod'

const Written = z.object({ path: z.string(), bytes: z.number() })

export interface FileTarget {
  store: Store
  /** `DATA_DIR/files`. */
  root: string
  ownerId: string
  now: () => number
}

/**
 * Writes once per key. A key already done answers with its first result; one left pending (a crash mid-write) is
 * simply written again, which replaces the same file with the same content.
 */
export async function writePublishedFile(target: FileTarget, file: FileRequest): Promise<FileReceipt> {
  const segments = checkFilePath(file.folder.trim(), file.filename)
  const { store, ownerId } = target
  const claim = await store.claimPublish({ key: file.key, kind: 'file', ownerId, now: target.now() })
  if (claim.status === 'done') return { ...Written.parse(claim.result), duplicate: true }
  try {
    const written = await writeInsideFolder(target.root, segments, file.filename, fileContent(file))
    await store.finishPublish(file.key, written, target.now())
    return { ...written, duplicate: false }
  } catch (err) {
    // Nothing reached its final name, or a retry rewrites it the same way: either way the key may be used again.
    await store.releasePublish(file.key)
    throw err
  }
}
