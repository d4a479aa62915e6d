import { NodeError } from '../errors.ts'

/**
 * Refuses text longer than `max` characters, naming the field. Hosted content has no platform limit to hit, so these
 * limits only keep one runaway template from filling the database or someone's inbox.
 */
export function checkMaxLength(text: string, max: number, field: string): string {
  if (text.length <= max) return text
  throw new NodeError('PUBLISH_CONTENT_TOO_LONG', `"${field}" is longer than ${max} characters`, {
    details: { field, length: text.length, limit: max },
  })
}
