/** One dependency the server cannot serve without; resolves when it answers, rejects (or hangs) when it does not. */
export type ReadinessCheck = () => Promise<unknown>

export interface Readiness {
  ready: boolean
  /** `ok`, or why not: a short reason safe to show anyone (the full error goes to the log). */
  checks: Record<string, string>
}

const TIMEOUT_MS = 2_000

/**
 * Runs every check at once; a check slower than the timeout counts as failed, so a probe never hangs on a database
 * that accepts connections but does not answer. `onFailure` gets the underlying error of each failed check.
 */
export async function checkReadiness(
  checks: Record<string, ReadinessCheck>,
  onFailure: (name: string, err: unknown) => void,
  timeoutMs = TIMEOUT_MS,
): Promise<Readiness> {
  const names = Object.keys(checks)
  const results = await Promise.all(
    names.map(async (name) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const timedOut = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms`), timeoutMs)
      })
      const answered = (async () => {
        await checks[name]?.()
        return 'ok'
      })().catch((err: unknown) => {
        onFailure(name, err)
        return reasonOf(err)
      })
      try {
        return await Promise.race([answered, timedOut])
      } finally {
        clearTimeout(timer)
      }
    }),
  )
  const report = Object.fromEntries(names.map((name, i) => [name, results[i] ?? 'ok']))
  return { ready: results.every((r) => r === 'ok'), checks: report }
}

/** The error's code when it has a plain one (SQLITE_FULL, ECONNREFUSED); messages can hold paths and host names. */
function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)
    ? `unavailable (${code})`
    : 'unavailable'
}
