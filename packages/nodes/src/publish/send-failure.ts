import { NodeError } from '../errors.ts'

/**
 * Errors raised while connecting, before a byte of the request left: sending again cannot deliver twice. undici puts
 * these codes on the `cause` of its `fetch failed` TypeError (the server's guarded fetch wraps that once more).
 */
const NOT_SENT: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** The guarded fetch's own failures that say nothing about whether the request arrived. */
const AMBIGUOUS_OUTBOUND: ReadonlySet<string> = new Set(['OUTBOUND_TIMEOUT', 'OUTBOUND_NETWORK'])

export interface FailedSend {
  host: string
  /**
   * Whether the receiver drops a repeated delivery (our signed webhooks carry a stable id and Idempotency-Key).
   * IM bots have no such API, so for them a send that may have arrived is never repeated automatically.
   */
  idempotent: boolean
}

/**
 * Turns a failed `fetch` into the error the engine should see. Only the caller's own abort (timeout, cancel) must be
 * rethrown untouched instead, and the caller checks that first.
 */
export function sendFailure(err: unknown, send: FailedSend): unknown {
  const chain = causeChain(err)
  const decided = chain.find((e): e is NodeError => e instanceof NodeError && !AMBIGUOUS_OUTBOUND.has(e.code))
  // Blocked address, bad redirect, oversized reply: the guard already decided, and repeating changes nothing.
  if (decided) return decided
  const reason = describe(chain)
  if (chain.some((e) => NOT_SENT.has(codeOf(e))) || send.idempotent) {
    return new NodeError('PUBLISH_NETWORK', `Could not reach ${send.host}: ${reason}`, {
      retryable: true,
      cause: err,
    })
  }
  return new NodeError(
    'PUBLISH_OUTCOME_UNKNOWN',
    `No complete reply from ${send.host} (${reason}). The message may have been sent, so it is not sent again ` +
      'automatically: check the group before running this step again.',
    { retryable: false, cause: err },
  )
}

function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = []
  for (let e = err; e !== undefined && chain.length < 8; ) {
    chain.push(e)
    if (e instanceof AggregateError) chain.push(...e.errors.slice(0, 4))
    e = e instanceof Error ? e.cause : undefined
  }
  return chain
}

function codeOf(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined
  return typeof code === 'string' ? code : ''
}

function describe(chain: unknown[]): string {
  // The guarded fetch already wrote a message naming the host and the limit; undici's own are terser.
  if (chain[0] instanceof NodeError) return chain[0].message
  const innermost = chain.findLast((e) => e instanceof Error)
  if (!(innermost instanceof Error)) return String(chain[0])
  const code = codeOf(innermost)
  return code && !innermost.message.includes(code) ? `${code} ${innermost.message}` : innermost.message
}
