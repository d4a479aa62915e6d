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
  const scan = scanJson(text, maxDepth)
  if (scan === TOO_DEEP) {
    throw ApiError.badRequest('INVALID_JSON', `The JSON body is nested deeper than ${maxDepth} levels`, {
      maxDepth,
    })
  }
  // A key can only be `__proto__` if the text spells it out or escapes one of its characters (`\u005f`): without
  // either, the reviver, which costs a call per value and keeps V8 off its fast parser, has nothing to find.
  const mayHoldProto = scan === HAS_UNICODE_ESCAPE || text.includes('__proto__')
  try {
    return mayHoldProto ? JSON.parse(text, refuseProtoKey) : JSON.parse(text)
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

const PLAIN = 0
const HAS_UNICODE_ESCAPE = 1
const TOO_DEEP = 2

// Counts brackets outside strings, cheaper than parsing, and stops at the first level too deep; on the way, notes
// whether any string holds a `\u` escape.
function scanJson(
  text: string,
  maxDepth: number,
): typeof PLAIN | typeof HAS_UNICODE_ESCAPE | typeof TOO_DEEP {
  let depth = 0
  let inString = false
  let escapes = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c) {
        if (text.charCodeAt(i + 1) === 0x75) escapes = true
        i++
      } else if (ch === 0x22) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > maxDepth) return TOO_DEEP
    } else if (ch === 0x7d || ch === 0x5d) depth--
  }
  return escapes ? HAS_UNICODE_ESCAPE : PLAIN
}
