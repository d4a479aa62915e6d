import { ApiError } from './api-error.ts'

/** Deep enough for any flow document (node config holds JSON Schemas); far below what overflows a stack. */
export const MAX_JSON_DEPTH = 64

/**
 * `JSON.parse` for request bodies. Refuses nesting deeper than `maxDepth` before parsing (a 1 MB body of `[` would
 * otherwise parse, then overflow the stack wherever it is walked or stringified) and any `__proto__` key: JSON.parse
 * itself makes it a plain own property, but the first spread or assignment-based copy turns it into a prototype.
 * Throws 400 `INVALID_JSON` with the reason.
 */
export function parseJsonSafely(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (exceedsDepth(text, maxDepth)) {
    throw ApiError.badRequest('INVALID_JSON', `The JSON body is nested deeper than ${maxDepth} levels`, {
      maxDepth,
    })
  }
  try {
    return JSON.parse(text, refuseProtoKey)
  } catch (err) {
    if (err instanceof ApiError) throw err
    const reason = err instanceof Error ? err.message : String(err)
    throw ApiError.badRequest('INVALID_JSON', `The body is not valid JSON: ${reason}`)
  }
}

function refuseProtoKey(key: string, value: unknown): unknown {
  if (key === '__proto__') {
    throw ApiError.badRequest('INVALID_JSON', 'The JSON body uses the reserved key "__proto__"')
  }
  return value
}

// Counts brackets outside strings; cheaper than parsing and stops at the first level too deep.
function exceedsDepth(text: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c) i++
      else if (ch === 0x22) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > maxDepth) return true
    } else if (ch === 0x7d || ch === 0x5d) depth--
  }
  return false
}
