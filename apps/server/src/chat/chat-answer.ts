import type { ChatCitation } from '@zhiliu/db'
import type { RunEvent } from '@zhiliu/engine'

const MAX_CITATIONS = 10
const MAX_CITATION_TEXT = 4000

/**
 * Follows a chat run's events and works out what the visitor gets: the text pieces as they stream, the answer at
 * the end and the passages it may cite. Generic on purpose: the answer is the run's output `text` (or the output
 * itself when it is a string, or else the last node's `text`), and the citations are the `chunks` of the last node
 * that produced `{ chunks: [{ text, document, score?, chunkId? }] }` — what `kb.retrieve` outputs — numbered [1],
 * [2]… in that order, as its `context` numbers them for the prompt. Nothing else of a node's output leaves.
 */
export function createChatAnswer() {
  let lastText = ''
  let citations: ChatCitation[] = []
  return {
    /** A text piece to stream, if the event is one. */
    delta(event: RunEvent): { nodeId: string; text: string } | undefined {
      if (event.type !== 'node.chunk' || event.chunk.channel !== 'text') return undefined
      return { nodeId: event.nodeId, text: event.chunk.text }
    },
    see(event: RunEvent): void {
      if (event.type !== 'node.finished' || event.result.status !== 'succeeded') return
      const output = event.result.output
      const text = field(output, 'text')
      if (typeof text === 'string') lastText = text
      const found = citationsOf(field(output, 'chunks'))
      if (found) citations = found
    },
    answer(output: unknown): string {
      const text = field(output, 'text')
      if (typeof text === 'string') return text
      return typeof output === 'string' ? output : lastText
    },
    citations: () => citations,
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined
}

function citationsOf(chunks: unknown): ChatCitation[] | undefined {
  if (!Array.isArray(chunks)) return undefined
  const out: ChatCitation[] = []
  for (const chunk of chunks.slice(0, MAX_CITATIONS)) {
    const text = field(chunk, 'text')
    if (typeof text !== 'string') return undefined
    const document = field(chunk, 'document')
    const name =
      typeof document === 'string' ? document : (field(document, 'name') ?? field(document, 'title'))
    const score = field(chunk, 'score')
    const chunkId = field(chunk, 'chunkId')
    out.push({
      text: text.slice(0, MAX_CITATION_TEXT),
      document: typeof name === 'string' ? name.slice(0, 200) : '',
      ...(typeof score === 'number' ? { score } : {}),
      ...(typeof chunkId === 'string' || typeof chunkId === 'number' ? { chunkId: String(chunkId) } : {}),
    })
  }
  return out
}
