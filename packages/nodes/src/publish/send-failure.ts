import { NodeError } from '../errors.ts'
import { causeChain, findFinalError } from '../find-final-error.ts'

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
  // Blocked address, bad redirect, oversized reply: the guard already decided, and repeating changes nothing.
  const decided = findFinalError(err)
  if (decided) return decided
  const chain = causeChain(err)
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
