/** Something that must be stopped if it is still running at `deadline` (a `Date.now()` time). */
export interface Expiring {
  deadline: number
  expire(): void
}

/**
 * Node timeouts for a whole run on a single timer. A timer per node attempt costs more than a cheap node itself;
 * here a node's deadline costs two Set operations, and the one timer is only moved when a new deadline is earlier
 * than the one it is set for. When it fires it expires what is overdue and re-arms for the earliest remaining.
 */
export interface Deadlines {
  add(entry: Expiring): void
  remove(entry: Expiring): void
  /** Clears the timer: the run is over. */
  dispose(): void
}

export function createDeadlines(): Deadlines {
  const active = new Set<Expiring>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let armedFor = Number.POSITIVE_INFINITY

  const arm = (at: number) => {
    clearTimeout(timer)
    armedFor = at
    timer = setTimeout(fire, Math.max(0, at - Date.now()))
  }

  const fire = () => {
    timer = undefined
    armedFor = Number.POSITIVE_INFINITY
    const now = Date.now()
    let next = Number.POSITIVE_INFINITY
    for (const entry of active) {
      if (entry.deadline <= now) {
        active.delete(entry)
        entry.expire()
      } else if (entry.deadline < next) {
        next = entry.deadline
      }
    }
    if (next !== Number.POSITIVE_INFINITY) arm(next)
  }

  return {
    add(entry) {
      active.add(entry)
      if (entry.deadline < armedFor) arm(entry.deadline)
    },
    remove(entry) {
      // The timer stays where it is: when it fires for an entry that is gone it simply re-arms.
      active.delete(entry)
    },
    dispose() {
      clearTimeout(timer)
      timer = undefined
      armedFor = Number.POSITIVE_INFINITY
      active.clear()
    },
  }
}
