import { NodeError } from '../errors.ts'
import { toText } from './to-text.ts'

export type BodyType = 'none' | 'json' | 'form' | 'text'

/** A request body and the content type that goes with it; undefined when nothing is sent. */
export interface EncodedBody {
  body: string
  contentType: string
}

function bodyInvalid(message: string): NodeError {
  return new NodeError('HTTP_BODY_INVALID', message, { details: { field: 'body' } })
}

/**
 * Encodes the configured body. A JSON body is best given as JSON whose strings hold templates (each rendered value
 * lands in place, quotes and all); JSON text is accepted too, but must parse, so that a quote inside an inserted
 * value shows up here instead of as a puzzling 400 from the other server.
 */
export function encodeBody(type: BodyType, body: unknown): EncodedBody | undefined {
  if (type === 'none' || body === undefined || body === null || body === '') return undefined
  if (type === 'text') return { body: toText(body), contentType: 'text/plain; charset=utf-8' }
  if (type === 'json') {
    if (typeof body !== 'string') return { body: JSON.stringify(body), contentType: 'application/json' }
    try {
      JSON.parse(body)
    } catch {
      throw bodyInvalid('The JSON body is not valid JSON; check the quotes around inserted values')
    }
    return { body, contentType: 'application/json' }
  }
  if (typeof body === 'string') return { body, contentType: 'application/x-www-form-urlencoded' }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw bodyInvalid('A form body must be a set of fields, like {"name": "value"}')
  }
  const form = new URLSearchParams()
  for (const [key, value] of Object.entries(body)) form.append(key, toText(value))
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' }
}
