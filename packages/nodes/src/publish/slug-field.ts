import { toText } from '../definitions/to-text.ts'
import { NodeError } from '../errors.ts'
import { toSlug } from './slug.ts'

/** A slug from a config value (or, when that is empty, from a fallback such as the title), or a clear refusal. */
export function requireSlug(value: unknown, field: string, fallback = ''): string {
  const slug = toSlug(toText(value)) || toSlug(fallback)
  if (slug) return slug
  throw new NodeError(
    'PUBLISH_CONTENT_INVALID',
    `"${field}" has no letters or digits to make an address from`,
    { details: { field } },
  )
}
