import { toText } from '../definitions/to-text.ts'
import { NodeError } from '../errors.ts'

/** The text of a field that must not be empty, naming the field when it is: an empty post helps nobody. */
export function requireText(value: unknown, field: string): string {
  const text = toText(value)
  if (!text.trim()) {
    throw new NodeError('PUBLISH_CONTENT_EMPTY', `"${field}" is empty; there is nothing to send`, {
      details: { field },
    })
  }
  return text
}

/** Optional text: empty stays empty. */
export const optionalText = (value: unknown): string => toText(value).trim()

const LINK = /^https?:\/\/\S+$/i

/** A link the platform will open on tap; anything but http(s) would be refused there, or worse, opened. */
export function requireLink(value: unknown, field: string): string {
  const text = requireText(value, field).trim()
  if (!LINK.test(text)) throw notALink(field)
  return text
}

export function optionalLink(value: unknown, field: string): string {
  const text = optionalText(value)
  if (text && !LINK.test(text)) throw notALink(field)
  return text
}

const notALink = (field: string) =>
  new NodeError('PUBLISH_CONTENT_INVALID', `"${field}" must be a web address starting with https://`, {
    details: { field },
  })
