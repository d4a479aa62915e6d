class Stop {
  constructor(readonly at: number | undefined) {}
}

// Deeper than any real document; beyond it we give up on locating rather than risk the call stack.
const MAX_DEPTH = 1000
const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const space = /[ \t\n\r]*/y

/**
 * The offset at which `text` stops being JSON, or undefined when it is valid (or too deeply nested to tell).
 * `JSON.parse` reports positions in messages that differ between Node versions and often have none at all, so the
 * position comes from this small scanner instead.
 */
export function jsonErrorPosition(text: string): number | undefined {
  let i = 0
  const skipSpace = () => {
    space.lastIndex = i
    space.test(text)
    i = space.lastIndex
  }
  const expect = (char: string) => {
    skipSpace()
    if (text[i] !== char) throw new Stop(i)
    i++
  }
  const string = () => {
    i++ // the opening quote
    for (;;) {
      const c = text[i]
      if (c === undefined || c < ' ') throw new Stop(i)
      if (c === '"') {
        i++
        return
      }
      if (c !== '\\') {
        i++
        continue
      }
      const e = text[i + 1]
      if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6
      else throw new Stop(i + 1)
    }
  }
  const items = (close: string, item: () => void) => {
    i++ // the opening bracket
    skipSpace()
    if (text[i] === close) {
      i++
      return
    }
    for (;;) {
      item()
      skipSpace()
      if (text[i] !== ',') {
        expect(close)
        return
      }
      i++
    }
  }
  const literal = () => {
    number.lastIndex = i
    if (number.test(text)) {
      i = number.lastIndex
      return
    }
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i))
    if (!word) throw new Stop(i)
    i += word.length
  }
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new Stop(undefined)
    skipSpace()
    const c = text[i]
    if (c === '{') {
      items('}', () => {
        skipSpace()
        if (text[i] !== '"') throw new Stop(i)
        string()
        expect(':')
        value(depth + 1)
      })
    } else if (c === '[') items(']', () => value(depth + 1))
    else if (c === '"') string()
    else literal()
  }
  try {
    value(0)
    skipSpace()
    return i < text.length ? i : undefined
  } catch (err) {
    if (err instanceof Stop) return err.at
    throw err
  }
}
