import { readFileSync } from 'node:fs'

const POLL_MS = 500

/**
 * Calls `onGone` once when the process that started this one has exited. `npm start` runs the server as
 * npm → `sh -c "node …"` → node, and npm forwards SIGTERM only to its own child, the shell, which dies without
 * passing it on: npm exits and the server would keep listening as an orphan. Watching the parent stops the server
 * whichever of the two got the signal. Returns a function that stops watching; the timer never keeps the process
 * alive on its own.
 */
export function watchParent(onGone: () => void, pollMs = POLL_MS): () => void {
  const parent = process.ppid
  const timer = setInterval(() => {
    if (!parentGone(parent)) return
    clearInterval(timer)
    onGone()
  }, pollMs)
  timer.unref()
  return () => clearInterval(timer)
}

function parentGone(parent: number): boolean {
  const now = currentParent()
  // Linux re-parents an orphan to init or a subreaper. `process.ppid` is read once at startup, so ask /proc.
  if (now !== undefined) return now !== parent
  // Elsewhere (no /proc): is the first parent still there? A zombie still counts, so this is the fallback only.
  try {
    process.kill(parent, 0)
    return false
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

function currentParent(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    // "pid (comm) state ppid …"; comm may itself hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    return Number.isInteger(ppid) ? ppid : undefined
  } catch {
    return undefined
  }
}
