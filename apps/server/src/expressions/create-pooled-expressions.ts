import {
  EXPRESSION_LIMITS,
  type ExpressionEvaluator,
  type ExpressionOptions,
  evaluateExpression,
  evaluateQuickly,
  isTimeLimit,
  NOT_QUICK,
  TEMPLATE_LIMITS,
  templateBuildsRange,
} from '@zhiliu/nodes'
import type { ExpressionPool } from './create-expression-pool.ts'

/**
 * Milliseconds an expression or template may run on the event loop before it is handed to the pool. Nearly every
 * real expression finishes in microseconds; what runs longer pays this once, then a worker round trip.
 */
export const DEFAULT_BUDGET_MS = 5

/** How many recently slow sources are remembered, and for how long. */
const SLOW_ENTRIES = 1_000
const SLOW_FOR_MS = 60_000

/**
 * The server's evaluator: each evaluation first runs here with the time limit cut to `budgetMs` (same depth, size
 * and regex rules), keeping its in-thread speed; only one that hits that cut runs again in the pool with its full
 * limit, so a bomb holds the event loop for the budget at most. A source that ran past the budget goes straight to
 * the pool for a while, so that the same bomb sent 40 times at once costs the budget once, not 40 times.
 * The cut is wall time, which a busy host stretches: an expression cut while the process used less CPU than the
 * budget was descheduled, not heavy: this call goes to the pool, but the source is remembered only if that happens
 * to it again (on a loaded machine, cheap expressions would otherwise move off the loop for a minute each, paying a
 * round trip each call).
 * See docs/design.md for the measurements behind it.
 */
export function createPooledExpressions(
  pool: ExpressionPool,
  budgetMs: number = DEFAULT_BUDGET_MS,
  /** The process's CPU time in µs; replaced in tests, where other threads share the process. */
  cpuMicros: () => number = processCpuMicros,
): ExpressionEvaluator {
  const slow = createSlowSources()
  // Sources cut once while the process used less CPU than the budget (see evaluate).
  const paused = createSlowSources()
  return {
    evaluate(expression, input, options = {}, abort) {
      // Bounded by the expression's size (no loops, sequences or regexes), so neither timed nor pooled: reading the
      // process's CPU time for the budget below costs more than evaluating `result + 1`. Answered without a promise.
      const quick = evaluateQuickly(expression, input, options)
      if (quick !== NOT_QUICK) return quick
      return budgeted(expression, input, options, abort)
    },
    // A range is built in one step the budget cannot cut short, so a template with one never renders here.
    templateBudgetMs: (source) => (slow.has(source) || templateBuildsRange(source) ? 0 : budgetMs),
    renderTemplate(source, scope, abort) {
      slow.add(source)
      const onRan = forgetIfQuick(source)
      const limits = { timeoutMs: TEMPLATE_LIMITS.renderMs, limitCode: 'TEMPLATE_LIMIT', abort, onRan }
      return pool.run({ kind: 'template', source, scope }, limits)
    },
  }

  async function budgeted(
    expression: string,
    input: unknown,
    options: ExpressionOptions,
    abort: Parameters<ExpressionEvaluator['evaluate']>[3],
  ): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? EXPRESSION_LIMITS.timeoutMs
    if (timeoutMs <= budgetMs) return evaluateExpression(expression, input, options)
    if (!slow.has(expression)) {
      const cpuBefore = cpuMicros()
      try {
        return await evaluateExpression(expression, input, { ...options, timeoutMs: budgetMs })
      } catch (err) {
        if (!isTimeLimit(err)) throw err
      }
      // The cut is wall time (JSONata's guard reads the clock): with less CPU used than the budget, the thread was
      // descheduled, and only a second such cut of the same source remembers it (a bomb still is, at its second try).
      if (cpuMicros() - cpuBefore >= budgetMs * 1000 || paused.has(expression)) slow.add(expression)
      else paused.add(expression)
    }
    const job = { kind: 'jsonata' as const, expression, input, options: { ...options, timeoutMs } }
    const onRan = forgetIfQuick(expression)
    return pool.run(job, { timeoutMs, limitCode: 'EXPRESSION_LIMIT', abort, onRan })
  }

  /** A source a worker ran within the budget (a pause, not the work, made it slow here) comes back to the loop. */
  function forgetIfQuick(source: string): (ms: number) => void {
    return (ms) => {
      if (ms < budgetMs) slow.delete(source)
    }
  }
}

/**
 * CPU time this process has used, in microseconds. Process-wide (the worker threads, SQLite and libuv's threads
 * count too): an upper bound of the event loop thread's own time, which only Node 23.9+ can read
 * (process.threadCpuUsage). So "less than the budget here" proves the thread was not computing for the budget.
 */
function processCpuMicros(): number {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** Sources that ran past the budget lately: a Map in insertion order, oldest dropped first. In this process only. */
function createSlowSources() {
  const until = new Map<string, number>()
  return {
    has(source: string): boolean {
      const expires = until.get(source)
      if (expires === undefined) return false
      if (expires > Date.now()) return true
      until.delete(source)
      return false
    },
    delete(source: string): void {
      until.delete(source)
    },
    add(source: string): void {
      until.delete(source)
      until.set(source, Date.now() + SLOW_FOR_MS)
      if (until.size > SLOW_ENTRIES) until.delete(until.keys().next().value as string)
    },
  }
}
