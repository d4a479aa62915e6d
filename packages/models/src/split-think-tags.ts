const OPEN = '<think>'
const CLOSE = '</think>'

export interface ThinkSplitter {
  push(text: string): void
  end(): void
}

/**
 * Some servings of reasoning models (older Ollama builds, some DeepSeek-R1 hosts) put the thinking inside the
 * answer as `<think>…</think>`. This moves it to the reasoning channel as the text streams in, so it is never mixed
 * into the answer. Only a leading think block counts; a tag later in the answer is the answer's own text.
 */
export function createThinkSplitter(
  emit: (channel: 'text' | 'reasoning', text: string) => void,
): ThinkSplitter {
  let state: 'start' | 'thinking' | 'answer' = 'start'
  let buffer = ''
  let trimNext = false
  const send = (channel: 'text' | 'reasoning', text: string) => {
    const out = trimNext && channel === 'text' ? text.trimStart() : text
    if (out === '') return
    if (channel === 'text') trimNext = false
    emit(channel, out)
  }
  return {
    push(text) {
      buffer += text
      for (;;) {
        if (state === 'start') {
          const head = buffer.trimStart()
          if (head.length < OPEN.length && OPEN.startsWith(head)) return // could still become `<think>`
          if (head.startsWith(OPEN)) {
            state = 'thinking'
            buffer = head.slice(OPEN.length)
          } else state = 'answer'
          continue
        }
        if (state === 'thinking') {
          const end = buffer.indexOf(CLOSE)
          if (end === -1) {
            const keep = partialTagLength(buffer)
            send('reasoning', buffer.slice(0, buffer.length - keep))
            buffer = buffer.slice(buffer.length - keep)
            return
          }
          send('reasoning', buffer.slice(0, end))
          buffer = buffer.slice(end + CLOSE.length)
          state = 'answer'
          trimNext = true
          continue
        }
        send('text', buffer)
        buffer = ''
        return
      }
    },
    end() {
      // An unclosed think block is still thinking, not answer.
      send(state === 'thinking' ? 'reasoning' : 'text', buffer)
      buffer = ''
    },
  }
}

/** How many characters at the end could be the start of `</think>`, held back until the next piece shows. */
function partialTagLength(text: string): number {
  for (let n = Math.min(CLOSE.length - 1, text.length); n > 0; n--) {
    if (CLOSE.startsWith(text.slice(-n))) return n
  }
  return 0
}
