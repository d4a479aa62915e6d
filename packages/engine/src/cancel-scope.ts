import { ZhiliuError } from '@zhiliu/nodes'

/** Something a scope stops when it is aborted: a running attempt or a nested scope. */
export interface Abortable {
  abort(reason: ZhiliuError): void
}

/**
 * A tree of cancellation: the run is the root, each for-each loop a child, each running attempt a leaf. Aborting a
 * scope aborts everything under it with the same reason, which says why (cancel, run timeout, a sibling failed).
 * Members are kept in a set instead of each one listening to the parent's AbortSignal: it is cheaper per node and
 * a finished member simply leaves the set, so nothing leaks on long runs.
 */
export interface CancelScope extends Abortable {
  readonly signal: AbortSignal
  /** The first reason given; later aborts are ignored so the original cause is what gets reported. */
  readonly reason: ZhiliuError | undefined
  /** Adds a member; if the scope is already aborted the member is aborted at once. */
  add(member: Abortable): void
  remove(member: Abortable): void
  /** A nested scope, aborted with this one; call `dispose` when it is done. */
  child(): CancelScope & { dispose(): void }
}

export function createCancelScope(): CancelScope {
  // Made on first use: only retries and loops wait on the signal, and every run and iteration makes a scope.
  let controller: AbortController | undefined
  const members = new Set<Abortable>()
  let reason: ZhiliuError | undefined
  const scope: CancelScope = {
    get signal() {
      if (!controller) {
        controller = new AbortController()
        if (reason) controller.abort(reason)
      }
      return controller.signal
    },
    get reason() {
      return reason
    },
    add(member) {
      if (reason) member.abort(reason)
      else members.add(member)
    },
    remove(member) {
      members.delete(member)
    },
    abort(why) {
      if (reason) return
      reason = why
      controller?.abort(why)
      for (const member of members) member.abort(why)
      members.clear()
    },
    child() {
      const nested = createCancelScope()
      scope.add(nested)
      return Object.assign(nested, { dispose: () => scope.remove(nested) })
    },
  }
  return scope
}

/** Why a node's signal was aborted. Only `NODE_TIMEOUT` is a failure of the node itself; the rest cancel it. */
export const abortCodes = {
  nodeTimeout: 'NODE_TIMEOUT',
  cancelled: 'CANCELLED',
  runTimeout: 'RUN_TIMEOUT',
} as const

export function abortReason(code: string, message: string): ZhiliuError {
  return new ZhiliuError(code, message)
}
