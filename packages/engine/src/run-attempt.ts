import type { AnyNodeDefinition, NodeChunk, NodeInput, ZhiliuError } from '@zhiliu/nodes'
import { type Abortable, abortCodes, abortReason, type CancelScope } from './cancel-scope.ts'
import type { Deadlines, Expiring } from './deadlines.ts'
import { createNodeContext, type ResolvedServices } from './node-context.ts'
import type { RunEvent } from './run-events.ts'

export type AttemptOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'threw'; readonly error: unknown }
  /**
   * The attempt's signal was aborted: by its own timeout, or by its scope (cancel, run timeout, a failure). `runId`:
   * the run the node had started and named (`ctx.linkRun`), which it can no longer report itself.
   */
  | { readonly kind: 'aborted'; readonly reason: ZhiliuError; readonly runId?: string }

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
  /** The run's subscribers: they get the node's chunks while the attempt is current; later ones are dropped. */
  emit: ((event: RunEvent) => void) | null
}

/**
 * Calls `def.run` once. The attempt settles as soon as it is aborted — it does not wait for a node that ignores its
 * signal — so a timeout or a cancel always takes effect on time; whatever the node does afterwards is ignored.
 * A `run` that returns its value itself (not a promise) settles here and now: the outcome is returned as it is, and
 * no promise, deadline or cancel-scope entry is made for it, since nothing could have interrupted it.
 */
export function runAttempt(parts: AttemptParts): AttemptOutcome | Promise<AttemptOutcome> {
  const { scope } = parts
  // Aborted before it began (a sibling failed, the run was cancelled): the node is not called.
  if (scope.reason) return { kind: 'aborted', reason: scope.reason }
  const attempt = new Attempt(parts)
  const deadline = Date.now() + parts.timeoutMs
  let returned: unknown
  try {
    returned = parts.def.run(parts.input, createNodeContext(parts, attempt))
  } catch (error) {
    // A definition that throws before returning its promise fails the same way as one that rejects.
    attempt.done = true
    return scope.reason ? { kind: 'aborted', reason: scope.reason } : { kind: 'threw', error }
  }
  if (!(returned instanceof Promise)) {
    attempt.done = true
    // The scope was aborted while the node ran (its own chunk listener cancelled the run, say): as if it had
    // been aborted mid-await, the value is not used.
    return scope.reason ? { kind: 'aborted', reason: scope.reason } : { kind: 'returned', value: returned }
  }
  return new Promise((settle) => attempt.watch(returned as Promise<unknown>, deadline, settle))
}

/**
 * The bookkeeping of one attempt. A class rather than closures because one is created for every node the engine
 * runs: the per-node cost is what bounds how fast a long chain of cheap nodes can go.
 */
class Attempt implements Abortable, Expiring {
  deadline = 0
  done = false
  private controller: AbortController | null = null
  private aborted: ZhiliuError | null = null
  private settle: ((outcome: AttemptOutcome) => void) | null = null
  private linked: string | undefined

  constructor(private readonly parts: AttemptParts) {}

  signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController()
      if (this.aborted) this.controller.abort(this.aborted)
    }
    return this.controller.signal
  }

  chunk(chunk: NodeChunk): void {
    const { parts } = this
    if (this.done || !parts.emit) return
    const { runId, nodeKey: key, nodeId } = parts
    parts.emit({ type: 'node.chunk', runId, key, nodeId, chunk, at: parts.services.clock.now() })
  }

  linkRun(runId: string): void {
    this.linked = runId
  }

  /** The node returned a promise: from now on its timeout and the scope can abort it. */
  watch(running: Promise<unknown>, deadline: number, settle: (outcome: AttemptOutcome) => void): void {
    this.settle = settle
    this.deadline = deadline
    const { parts } = this
    parts.scope.add(this)
    if (!this.done) parts.deadlines.add(this)
    // Watched even when the scope aborted it already: whatever the promise does later is then ignored, not unhandled.
    void watch(this, running)
  }

  abort(reason: ZhiliuError): void {
    if (this.done) return
    this.aborted = reason
    this.controller?.abort(reason)
    this.finish({ kind: 'aborted', reason, ...(this.linked ? { runId: this.linked } : {}) })
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
    this.settle?.(outcome)
  }
}

async function watch(attempt: Attempt, running: Promise<unknown>): Promise<void> {
  try {
    attempt.finish({ kind: 'returned', value: await running })
  } catch (error) {
    attempt.finish({ kind: 'threw', error })
  }
}
