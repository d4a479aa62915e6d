/** Test helper: Server-Sent Events from a response body, parsed as they arrive. */
export interface SseEvent {
  event: string
  data: string
}

export async function* readSse(res: Response): AsyncGenerator<SseEvent> {
  if (!res.body) return
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true })
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const lines = block.split('\n').filter((l) => !l.startsWith(':'))
      if (lines.length === 0) continue
      const event =
        lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message'
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n')
      yield { event, data }
    }
  }
}

/** Every event until the stream ends. */
export async function readAllSse(res: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = []
  for await (const event of readSse(res)) events.push(event)
  return events
}
