import type { LiveRun } from './live-runs.ts'

/**
 * The writes of one execution's results (checkpoints and the end, see RunStore), seen by the answer to a sync
 * caller. Every write carries all results announced before it was issued, so an answer waits for the first write
 * issued after its response was announced: a write already in flight does not carry it.
 */
export interface ResultWrites {
  /** Follows `write`; answers waiting now are released once it is stored. */
  track(write: Promise<void>): Promise<void>
  /** Runs `answer` once the next write issued from now on is stored; never if it fails. */
  afterNextWrite(answer: () => void): void
}

export function createResultWrites(): ResultWrites {
  let waiting: (() => void)[] = []
  return {
    track(write) {
      if (waiting.length > 0) {
        const answers = waiting
        waiting = []
        write.then(
          () => {
            for (const answer of answers) answer()
          },
          () => {},
        )
      }
      return write
    },
    afterNextWrite(answer) {
      waiting.push(answer)
    },
  }
}

/**
 * A sync caller (given the redacted result, like everything that leaves the server) is answered once the response
 * is stored with everything the run recorded before it: the engine announces a result before any write carries it,
 * and a caller must never get 200 for a run whose writes the database then refused (disk full). If that write
 * fails, no answer is released; the run ends failed and the caller hears that. The engine writes a checkpoint
 * right after a response when other work remains, else the run's end carries it (see RunStore).
 */
export function respondWhenStored(run: LiveRun, output: unknown, writes: ResultWrites): void {
  writes.afterNextWrite(() => {
    if (run.response) return
    run.response = { output }
    for (const wake of run.waiters) wake()
  })
}
