/**
 * The grammar fuzz of templates and expressions at bench scale (`npm run bench -- fuzz`): 200,000 cases from a fresh
 * seed (`npm run bench -- fuzz <cases> <seed>` to change them), half JSONata, half Liquid, with how each ended. The CI test
 * (tests/fuzz) runs 10,000 from fixed seeds and fails on any untyped ending; this prints what it found instead.
 */
import fc from 'fast-check'
import { expressionSource } from '../tests/fuzz/expression-grammar.ts'
import { type FuzzOutcome, runExpressionCase, runTemplateCase } from '../tests/fuzz/fuzz-case.ts'
import { isKnownDefect } from '../tests/fuzz/known-defects.ts'
import { templateSource } from '../tests/fuzz/template-grammar.ts'

const HANG_MS = 5_000

export async function benchFuzz(): Promise<string[]> {
  // `npm run bench -- fuzz [cases] [seed]`
  const cases = Number(process.argv[3] ?? 200_000)
  const seed = Number(process.argv[4] ?? Date.now() % 2 ** 31)
  const lines = [`fuzz  seed ${seed}, ${cases} cases`]
  const suites = [
    ['expressions', expressionSource, runExpressionCase],
    ['templates', templateSource, async (s: string) => runTemplateCase(s)],
  ] as const
  for (const [name, source, run] of suites) {
    const tally = new Map<string, number>()
    const findings: string[] = []
    let slowest = { ms: 0, source: '' }
    const started = performance.now()
    for (const text of fc.sample(source, { numRuns: cases / 2, seed })) {
      const t0 = performance.now()
      const outcome: FuzzOutcome = await run(text)
      const ms = performance.now() - t0
      if (ms > slowest.ms) slowest = { ms, source: text }
      const key = label(outcome, ms)
      tally.set(key, (tally.get(key) ?? 0) + 1)
      if (key.startsWith('UNTYPED') || key.startsWith('NEW') || key === 'HANG') {
        if (findings.length < 10) findings.push(`    ${key}: ${JSON.stringify(text).slice(0, 160)}`)
      }
    }
    const seconds = (performance.now() - started) / 1000
    const counts = [...tally].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`)
    lines.push(`fuzz  ${name}: ${cases / 2} cases in ${seconds.toFixed(1)} s  ${counts.join(', ')}`)
    lines.push(
      `fuzz  ${name}: slowest ${slowest.ms.toFixed(0)} ms ${JSON.stringify(slowest.source).slice(0, 120)}`,
    )
    lines.push(...findings)
  }
  return lines
}

/** `value`, a typed code, a known JSONata defect, or what the CI fuzz would fail on (in capitals). */
function label(outcome: FuzzOutcome, ms: number): string {
  if (ms > HANG_MS) return 'HANG'
  switch (outcome.kind) {
    case 'value':
      return 'value'
    case 'typed':
      return outcome.code
    case 'internal':
      return isKnownDefect(outcome.cause.message)
        ? `${outcome.code} (known JSONata defect)`
        : `NEW ENGINE ERROR`
    case 'untyped':
      return 'UNTYPED'
  }
}
