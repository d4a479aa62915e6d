import type { RunEvent } from '@zhiliu/engine'

const eventTypes: readonly RunEvent['type'][] = [
  'run.started',
  'node.started',
  'node.chunk',
  'node.retrying',
  'node.finished',
  'run.finished',
]

/**
 * Follows a run's Server-Sent Events until `run.finished`. The server names each event by its type and replays
 * what already happened to a late (or reconnecting) subscriber, so a dropped connection loses nothing.
 * `onLost` is called when the browser gives up on the stream (e.g. the session ended).
 */
export function watchRun(runId: string, onEvent: (event: RunEvent) => void, onLost: () => void): () => void {
  const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`, { withCredentials: true })
  let done = false
  const stop = () => {
    done = true
    source.close()
  }
  const handle = (message: MessageEvent<string>) => {
    let event: RunEvent
    try {
      event = JSON.parse(message.data) as RunEvent
    } catch {
      return
    }
    onEvent(event)
    if (event.type === 'run.finished') stop()
  }
  for (const type of eventTypes) source.addEventListener(type, handle)
  source.onerror = () => {
    // CONNECTING means the browser is retrying by itself; CLOSED means it will not.
    if (!done && source.readyState === EventSource.CLOSED) {
      stop()
      onLost()
    }
  }
  return stop
}
