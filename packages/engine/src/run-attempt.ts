import type { AnyNodeDefinition, NodeChunk, NodeInput, ZhiliuError } from '@zhiliu/nodes'
import { type Abortable, abortCodes, abortReason, type CancelScope } from './cancel-scope.ts'
import type { Deadlines, Expiring } from './deadlines.ts'
import { createNodeContext, type ResolvedServices } from './node-context.ts'

export type AttemptOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly error: unknown }
  /** The attempt's signal was aborted: by its own timeout, or by its scope (cancel, run timeout, a failure). */
  | { readonly kind: 'aborted'; readonly reason: ZhiliuError }

export interface AttemptParts {
  def: AnyNodeDefinition
  input: NodeInput<unknown>
  runId: string
  nodeId: string
  nodeKey: string
  attempt: number
  timeoutMs: number
  deadlines: Deadlines
  scope: CancelScope
  services: ResolvedServices
  /** Receives the node's chunks while the attempt is current; later ones are dropped. */
  onChunk: ((chunk: NodeChunk) => void) | null
}

/**
 * Calls `def.run` once. The attempt settles as soon as it is aborted — it does not wait for a node that ignores its
 * signal — so a timeout or a cancel always takes effect on time; whatever the node does afterwards is ignored.
 */
export function runAttempt(parts: AttemptParts): Promise<AttemptOutcome> {
  return new Promise((settle) => new Attempt(parts, settle).start())
}

/**
 * The bookkeeping of one attempt. A class rather than closures because one is created for every node the engine
 * runs: the per-node cost is what bounds how fast a long chain of cheap nodes can go.
 */
class Attempt implements Abortable, Expiring {
  deadline = 0
  private controller: AbortController | null = null
  private aborted: ZhiliuError | null = null
  private done = false

  constructor(
    private readonly parts: AttemptParts,
    private readonly settle: (outcome: AttemptOutcome) => void,
  ) {}

  signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController()
      if (this.aborted) this.controller.abort(this.aborted)
    }
    return this.controller.signal
  }

  chunk(chunk: NodeChunk): void {
    if (!this.done) this.parts.onChunk?.(chunk)
  }

  start(): void {
    const { parts } = this
    parts.scope.add(this)
    if (this.done) return
    this.deadline = Date.now() + parts.timeoutMs
    parts.deadlines.add(this)
    let running: Promise<unknown>
    try {
      running = parts.def.run(parts.input, createNodeContext(parts, this))
    } catch (error) {
      // A definition that throws before returning its promise fails the same way as one that rejects.
      running = Promise.reject(error)
    }
    void watch(this, running)
  }

  abort(reason: ZhiliuError): void {
    if (this.done) return
    this.aborted = reason
    this.controller?.abort(reason)
    this.finish({ kind: 'aborted', reason })
  }

  expire(): void {
    const message = `node "${this.parts.nodeKey}" timed out after ${this.parts.timeoutMs} ms`
    this.abort(abortReason(abortCodes.nodeTimeout, message))
  }

  finish(outcome: AttemptOutcome): void {
    if (this.done) return
    this.done = true
    this.parts.deadlines.remove(this)
    this.parts.scope.remove(this)
    this.settle(outcome)
  }
}

async function watch(attempt: Attempt, running: Promise<unknown>): Promise<void> {
  try {
    attempt.finish({ kind: 'returned', value: await running })
  } catch (error) {
    attempt.finish({ kind: 'threw', error })
  }
}
