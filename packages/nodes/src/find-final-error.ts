import { NodeError } from './errors.ts'

/**
 * The errors an error was wrapped in and wraps, outermost first: undici's `fetch failed` TypeError, the openai SDK's
 * connection error and the server's guarded fetch each add a layer; `AggregateError` (happy eyeballs) adds several.
 */
export function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = []
  for (let e = err; e !== undefined && chain.length < 8; ) {
    chain.push(e)
    if (e instanceof AggregateError) chain.push(...e.errors.slice(0, 4))
    e = e instanceof Error ? e.cause : undefined
  }
  return chain
}

/**
 * A failure the layer below a node already decided is final, however deeply a client wrapped it: the outbound
 * guard refused the address (`OUTBOUND_BLOCKED`), the answer was over the size limit (`RESPONSE_TOO_LARGE`), a
 * redirect was refused. Every node that reaches the network rethrows it as it is, so the engine does not try again
 * what would fail the same way; this is the one place that decision is read.
 */
export function findFinalError(err: unknown): NodeError | undefined {
  return causeChain(err).find((e): e is NodeError => e instanceof NodeError && !e.retryable)
}
