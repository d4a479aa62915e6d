import { lstat, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { mediaTypeOfId } from '@zhiliu/nodes'

/** Where generated images and audio are kept: everything the media store writes stays directly under here. */
export const mediaRoot = (dataDir: string) => join(dataDir, 'media')

/**
 * The bytes of a stored file; undefined for a name the store would not have given (so no path escapes the folder),
 * when there is no such file, or when something other than a plain file (a planted link) stands there.
 */
export async function readMediaFile(root: string, id: string): Promise<Buffer | undefined> {
  if (!mediaTypeOfId(id)) return undefined
  const path = join(root, id)
  const stat = await lstat(path).catch(() => undefined)
  if (!stat?.isFile()) return undefined
  return readFile(path)
}
