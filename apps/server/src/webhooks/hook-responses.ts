import type { RunEvent } from '@zhiliu/engine'
import type { SSEMessage } from 'hono/streaming'
import { z } from 'zod'
import { jsonText, NOT_SERIALIZABLE_DATA } from '../http/json-text.ts'
import type { RunWait } from '../runs/run-service.ts'
import { isSafeRedirectTarget, REDIRECT_STATUSES } from './redirect-target.ts'

const RespondOutput = z.object({
  status: z.int().min(200).max(599),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
})

// Framing is the server's business; cookies on the server's own origin would reach the editor's users, and so
// would a Clear-Site-Data that signs them out. Refresh is a redirect that bypasses the Location rule below.
const BLOCKED_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'set-cookie',
  'clear-site-data',
  'refresh',
])
const NO_BODY = new Set([204, 205, 304])

/**
 * What a sync webhook caller gets:
 * - a `flow.respond` node ran: its status, headers and body (a string as text, anything else as JSON); `Location`
 *   only with a redirect status and a safe target, and never the headers that would act on the server's own origin;
 *   the Content-Security-Policy is not the flow's to choose (`contentPolicy` sandboxes every answer);
 * - the run ended without one: 200 and the run's output as JSON;
 * - the run failed or was cancelled: 500 `RUN_FAILED` with the run id and failing node in `details` — the input
 *   was already checked (400), so what remains is the flow's fault, not the caller's;
 * - the wait limit passed first: 202 `{ runId, status: 'running', statusUrl }` while the run goes on.
 */
export function syncResponse(wait: RunWait, runId: string, statusUrl: () => string): Response {
  switch (wait.state) {
    case 'responded':
      return respondWith(wait.output, runId)
    case 'finished': {
      const { outcome } = wait
      if (outcome.status === 'succeeded') return json(200, outcome.output ?? null, runId)
      const error = outcome.error
      return json(
        500,
        {
          error: {
            code: 'RUN_FAILED',
            message: `The flow ${outcome.status === 'cancelled' ? 'was cancelled' : 'failed'}: ${error?.message ?? 'no reason given'}`,
            details: { runId, status: outcome.status, nodeId: error?.nodeId, cause: error?.code },
          },
        },
        runId,
      )
    }
    // Only asked for by a flow call (orPause); here a run stopped for a person is still going on.
    case 'paused':
    case 'timeout':
      return json(202, { runId, status: 'running', statusUrl: statusUrl() })
    case 'missing':
      return json(500, {
        error: { code: 'RUN_MISSING', message: 'The run was not recorded', details: { runId } },
      })
  }
}

function respondWith(output: unknown, runId: string): Response {
  const parsed = RespondOutput.safeParse(output)
  if (!parsed.success) {
    return json(500, {
      error: {
        code: 'RESPONSE_INVALID',
        message: 'The Respond node gave no usable response',
        details: { runId },
      },
    })
  }
  const { status, body } = parsed.data
  const headers = new Headers()
  for (const [name, value] of Object.entries(parsed.data.headers)) {
    const lower = name.toLowerCase()
    if (BLOCKED_HEADERS.has(lower)) continue
    // A redirect only where the author chose one (a 3xx status), and only to the web or this site: a target taken
    // from the caller's input must not become an open `javascript:` or protocol-relative redirect.
    if (lower === 'location' && !(REDIRECT_STATUSES.has(status) && isSafeRedirectTarget(headerValue(value))))
      continue
    try {
      headers.set(name, value)
    } catch {
      // Not a valid header (a name with spaces, a value outside Latin-1): left out rather than failing the call.
    }
  }
  if (NO_BODY.has(status) || body === undefined || body === '') return new Response(null, { status, headers })
  if (typeof body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=utf-8')
    return new Response(body, { status, headers })
  }
  const text = jsonText(body)
  if (text === undefined) return notSerializable(runId)
  if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  return new Response(text, { status, headers })
}

/** A value as `Headers` stores it: HTTP whitespace around it removed, nothing else. */
const headerValue = (value: string) => value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '')

function json(status: number, value: unknown, runId?: string): Response {
  const text = jsonText(value)
  if (text === undefined) return notSerializable(runId)
  return new Response(text, { status, headers: { 'content-type': 'application/json' } })
}

/**
 * The engine refuses outputs JSON cannot hold (too deep, BigInt), so this is a last net: the caller gets a code
 * and the run id, whose record says what happened, instead of a 500 INTERNAL thrown past the handler.
 */
function notSerializable(runId: string | undefined): Response {
  const error = {
    code: 'RESPONSE_NOT_SERIALIZABLE',
    message: 'The run produced an answer that cannot be written as JSON',
    details: { runId },
  }
  return new Response(JSON.stringify({ error }), {
    status: 500,
    headers: { 'content-type': 'application/json' },
  })
}

/**
 * Stream mode: what a public caller sees of a run. Node ids, timings and text chunks, then the result — never node
 * inputs or outputs, which may hold what the flow fetched with its owner's credentials.
 */
export function streamMessage(event: RunEvent): SSEMessage | null {
  const data = (value: unknown) => jsonText(value) ?? NOT_SERIALIZABLE_DATA
  switch (event.type) {
    case 'run.started':
      return { event: 'run.started', data: data({ runId: event.runId }) }
    case 'node.started':
      return {
        event: 'node.started',
        data: data({ nodeId: event.nodeId, key: event.key, attempt: event.attempt }),
      }
    case 'node.chunk':
      return { event: 'chunk', data: data({ nodeId: event.nodeId, ...event.chunk }) }
    case 'node.retrying':
      return {
        event: 'node.retrying',
        data: data({ nodeId: event.nodeId, attempt: event.attempt, delayMs: event.delayMs }),
      }
    case 'node.finished': {
      const { result } = event
      const durationMs = result.finishedAt - result.startedAt
      return {
        event: 'node.finished',
        data: data({ nodeId: result.nodeId, key: result.key, status: result.status, durationMs }),
      }
    }
    case 'run.finished': {
      const { status, output, error } = event.outcome
      return {
        event: 'result',
        data: data({ runId: event.runId, status, output: output ?? null, error: error ?? null }),
      }
    }
  }
}
