import { NodeError } from '@zhiliu/nodes'

const MAX_DEPTH = 10
const MAX_NAME_BYTES = 255
// Reserved by Windows whatever the extension: a share opened from Windows could not read or delete such a file.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i

const refused = (field: string, value: string, why: string) =>
  new NodeError('PUBLISH_PATH_REFUSED', `"${field}" ${why}`, {
    details: { field, value: value.slice(0, 300) },
  })

/**
 * The lexical half of keeping writes inside the files folder: relative, `/`-separated names with no `.`, `..`, NUL
 * or control character, no drive letter or backslash, nothing a Windows share would misread. The other half (no
 * symbolic link anywhere on the way) needs the disk and happens when the folders are opened.
 */
export function checkFilePath(folder: string, filename: string): string[] {
  if (/^[a-z]:/i.test(folder) || folder.startsWith('/') || folder.startsWith('\\')) {
    throw refused('folder', folder, 'must be a path inside the files folder, not an absolute path or a drive')
  }
  const segments = folder === '' ? [] : folder.replace(/\/+$/, '').split('/')
  if (segments.length > MAX_DEPTH) throw refused('folder', folder, `is more than ${MAX_DEPTH} folders deep`)
  for (const segment of segments) checkName(segment, 'folder', folder)
  if (filename.includes('/'))
    throw refused('filename', filename, 'must not contain /; put folders into "folder"')
  checkName(filename, 'filename', filename)
  return segments
}

function checkName(name: string, field: string, value: string): void {
  if (name === '') throw refused(field, value, 'has an empty part (//)')
  if (name === '.' || name === '..') throw refused(field, value, 'must not contain . or .. parts')
  if (hasControlCharacter(name)) throw refused(field, value, 'contains a control character')
  if (/[\\:*?"<>|]/.test(name)) throw refused(field, value, 'contains one of \\ : * ? " < > |')
  if (name.startsWith('.')) throw refused(field, value, 'must not start with a dot (hidden files)')
  if (/[. ]$/.test(name)) throw refused(field, value, 'must not end with a dot or a space')
  if (WINDOWS_DEVICE.test(name)) throw refused(field, value, `uses "${name}", a name Windows reserves`)
  if (Buffer.byteLength(name) > MAX_NAME_BYTES)
    throw refused(field, value, `has a name over ${MAX_NAME_BYTES} bytes`)
}

/** NUL and the other C0 controls end or bend a path on some system; DEL is refused with them. */
function hasControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}
