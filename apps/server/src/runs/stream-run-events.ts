import type { RunEvent } from '@zhiliu/engine'
import type { Context } from 'hono'
import { type SSEMessage, streamSSE } from 'hono/streaming'
import type { RunService } from './run-service.ts'

export interface StreamOptions {
  runs: Pick<RunService, 'subscribe'>
  runId: string
  /** What a subscriber sees of each event; null leaves the event out. */
  toMessage(event: RunEvent): SSEMessage | null
  /** Comment lines that keep proxies from closing an idle stream. */
  heartbeatMs?: number
}

/**
 * A run's events as Server-Sent Events: what already happened first, then live events, ending after
 * `run.finished`. A client that disconnects only unsubscribes; the run goes on.
 */
export function streamRunEvents(c: Context, options: StreamOptions): Response {
  return streamSSE(c, async (stream) => {
    const pending: RunEvent[] = []
    let wake: (() => void) | undefined
    const nudge = () => {
      const resolve = wake
      wake = undefined
      resolve?.()
    }
    const off = options.runs.subscribe(options.runId, (event) => {
      pending.push(event)
      nudge()
    })
    stream.onAbort(nudge)
    const heartbeat = setInterval(() => {
      void stream.write(': heartbeat\n\n').catch(nudge)
    }, options.heartbeatMs ?? 15_000)
    try {
      for (;;) {
        for (let event = pending.shift(); event !== undefined; event = pending.shift()) {
          const message = options.toMessage(event)
          if (message) await stream.writeSSE(message)
          if (event.type === 'run.finished') return
        }
        if (stream.aborted || stream.closed) return
        await new Promise<void>((resolve) => {
          wake = resolve
        })
      }
    } finally {
      clearInterval(heartbeat)
      off()
    }
  })
}
