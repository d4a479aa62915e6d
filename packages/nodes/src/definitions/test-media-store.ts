import type { MediaReceipt, MediaStore, StoredMedia } from '../context.ts'
import { NodeError } from '../errors.ts'
import { checkMediaType, MEDIA_TYPES, mediaTypeOfId } from '../media/media-types.ts'

const PREFIX = 'memory://media/'

export interface TestMediaStore extends MediaStore {
  /** Every stored item by id, in the order stored. */
  readonly stored: Map<string, StoredMedia>
}

/** Test support only: a MediaStore in memory, with the same rules as the real ones, at `memory://media/<id>`. */
export function createTestMediaStore(): TestMediaStore {
  const stored = new Map<string, StoredMedia>()
  const byKey = new Map<string, MediaReceipt>()
  return {
    stored,
    async save({ key, bytes, mimeType }) {
      const done = byKey.get(key)
      if (done) return { ...done, duplicate: true }
      const type = checkMediaType(bytes, mimeType)
      const hex = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0'))
      const id = `${hex.join('')}.${MEDIA_TYPES[type]}`
      stored.set(id, { id, bytes: bytes.slice(), mimeType: type })
      const receipt = { id, url: `${PREFIX}${id}`, mimeType: type, bytes: bytes.length, duplicate: false }
      byKey.set(key, receipt)
      return receipt
    },
    async open(ref) {
      const id = ref.startsWith(PREFIX) ? ref.slice(PREFIX.length) : ref
      if (!mediaTypeOfId(id)) return undefined
      const found = stored.get(id)
      if (!found) throw new NodeError('MEDIA_NOT_FOUND', `No stored media "${id}"`)
      return found
    },
  }
}
