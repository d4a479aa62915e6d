import { NodeError } from '@zhiliu/nodes'

export type OutboundErrorCode =
  | 'OUTBOUND_BLOCKED'
  | 'OUTBOUND_TIMEOUT'
  | 'RESPONSE_TOO_LARGE'
  | 'OUTBOUND_NETWORK'
  | 'OUTBOUND_REDIRECT'
  | 'OUTBOUND_INVALID_URL'

// A blocked, oversized or mis-redirecting request fails the same way next time; a timeout or a blip may not.
const RETRYABLE: ReadonlySet<OutboundErrorCode> = new Set(['OUTBOUND_TIMEOUT', 'OUTBOUND_NETWORK'])

export function outboundError(code: OutboundErrorCode, message: string, cause?: unknown): NodeError {
  return new NodeError(code, message, { retryable: RETRYABLE.has(code), cause })
}

export interface FailureContext {
  host: string
  timeoutMs: number
  callerSignal: AbortSignal | null | undefined
  timeoutSignal: AbortSignal
}

/**
 * Turns whatever undici or a body stream threw into the error a node should see. The caller's own abort is passed
 * through untouched, so the engine still recognises its cancellation.
 */
export function toOutboundError(err: unknown, ctx: FailureContext): unknown {
  const ours = findNodeError(err)
  if (ours) return ours
  if (ctx.callerSignal?.aborted) return ctx.callerSignal.reason
  if (ctx.timeoutSignal.aborted) {
    return outboundError(
      'OUTBOUND_TIMEOUT',
      `Request to ${ctx.host} timed out after ${ctx.timeoutMs} ms`,
      err,
    )
  }
  return outboundError('OUTBOUND_NETWORK', `Request to ${ctx.host} failed: ${describe(err)}`, err)
}

// undici wraps connect-time failures (our lookup guard included) as `TypeError('fetch failed', { cause })`.
function findNodeError(err: unknown): NodeError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof NodeError) return e
  }
  return undefined
}

function describe(err: unknown): string {
  let e = err
  while (e instanceof Error && e.cause instanceof Error) e = e.cause
  if (!(e instanceof Error)) return String(e)
  const code = (e as NodeJS.ErrnoException).code
  return code ? `${code} ${e.message}` : e.message
}
