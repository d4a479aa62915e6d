import { lstat, mkdir, realpath } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { NodeError } from '@zhiliu/nodes'

const refused = (path: string, why: string) =>
  new NodeError('PUBLISH_PATH_REFUSED', `"${path}" ${why}; files are only written inside the files folder`, {
    details: { path },
  })

/**
 * Walks `segments` down from `root`, creating missing folders, and refuses a symbolic link (or a file) anywhere on
 * the way: a link planted inside the files folder could otherwise lead a write anywhere the server may write.
 * Returns the folder's real path, checked once more to lie inside the root's.
 */
export async function openFolder(root: string, segments: readonly string[]): Promise<string> {
  await mkdir(root, { recursive: true })
  const realRoot = await realpath(root)
  let current = realRoot
  for (const [i, segment] of segments.entries()) {
    current = join(current, segment)
    const shown = segments.slice(0, i + 1).join('/')
    const stat = await lstat(current).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined
      throw err
    })
    if (stat?.isSymbolicLink()) throw refused(shown, 'is a symbolic link')
    if (stat && !stat.isDirectory()) throw refused(shown, 'is a file, not a folder')
    if (!stat) {
      await mkdir(current).catch((err: NodeJS.ErrnoException) => {
        // Another write created it meanwhile; the next step checks what it is.
        if (err.code !== 'EEXIST') throw err
      })
      if ((await lstat(current)).isSymbolicLink()) throw refused(shown, 'is a symbolic link')
    }
  }
  const real = await realpath(current)
  if (real !== realRoot && !real.startsWith(realRoot + sep))
    throw refused(segments.join('/'), 'leads outside')
  return real
}
