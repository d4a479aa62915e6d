import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expressionSource } from './expression-grammar.ts'
import { type FuzzOutcome, runExpressionCase, runTemplateCase } from './fuzz-case.ts'
import { isKnownDefect } from './known-defects.ts'
import { templateSource } from './template-grammar.ts'

// 10,000 cases in all, from fixed seeds so a failure reproduces; `npm run bench -- fuzz` runs many more from
// fresh seeds. A case that takes longer than this is a hang: every limit involved is 100–250 ms.
const HANG_MS = 5_000
const CASES = 5_000

/** Fails the case unless it ended in a value or a typed error, and in reasonable time. */
function expectEnded(source: string, outcome: FuzzOutcome, ms: number): void {
  if (outcome.kind === 'untyped')
    throw new Error(`untyped failure for ${JSON.stringify(source)}: ${outcome.error}`)
  if (outcome.kind === 'internal' && !isKnownDefect(outcome.cause.message)) {
    throw new Error(`engine error for ${JSON.stringify(source)}: ${outcome.cause.stack}`)
  }
  if (ms > HANG_MS) throw new Error(`${JSON.stringify(source)} took ${Math.round(ms)} ms`)
}

describe('grammar fuzz', () => {
  it(`ends ${CASES} JSONata expressions in a value or a typed error`, async () => {
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(expressionSource, async (source) => {
        const started = performance.now()
        const outcome = await runExpressionCase(source)
        expectEnded(source, outcome, performance.now() - started)
        seen.add(outcome.kind === 'value' ? 'value' : (outcome as { code: string }).code)
      }),
      { numRuns: CASES, seed: 20261206 },
    )
    // The grammar reaches every ending, or it is not exercising the evaluator.
    expect([...seen].sort()).toEqual(['EXPRESSION_ERROR', 'EXPRESSION_LIMIT', 'EXPRESSION_SYNTAX', 'value'])
  }, 120_000)

  it(`ends ${CASES} Liquid templates in a value or a typed error`, () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(templateSource, (source) => {
        const started = performance.now()
        const outcome = runTemplateCase(source)
        expectEnded(source, outcome, performance.now() - started)
        seen.add(outcome.kind === 'value' ? 'value' : (outcome as { code: string }).code)
      }),
      { numRuns: CASES, seed: 20261206 },
    )
    expect([...seen].sort()).toEqual(['TEMPLATE_LIMIT', 'TEMPLATE_REFERENCE', 'TEMPLATE_SYNTAX', 'value'])
  }, 120_000)
})

describe('what the fuzz found', () => {
  it('refuses a regex JSONata lost while copying the condition of ?: as a typed error, not a TypeError', async () => {
    expect(await runExpressionCase('/^(a|b)*$/m@$x ?: $not(**)')).toEqual({
      kind: 'typed',
      code: 'EXPRESSION_ERROR',
    })
    expect(await runExpressionCase('/a/ ?: 1')).toEqual({ kind: 'typed', code: 'EXPRESSION_ERROR' })
  })

  it('refuses a regex applied to something other than text as a typed error, not a TypeError', async () => {
    for (const source of ['b@$x ~> /ab+c/i', 'b ~> /ab+c/i', 'items ~> /a/', 'a ~> /a/']) {
      expect(await runExpressionCase(source)).toEqual({ kind: 'typed', code: 'EXPRESSION_ERROR' })
    }
  })

  it('reports a regex the JS engine rejects while JSONata scans it as EXPRESSION_SYNTAX', async () => {
    const source = '`odd name` ? tags : ($x := a; /[/) * * ? $ ~> |\'x\'|{"k": *}| : tags'
    expect(await runExpressionCase(source)).toEqual({ kind: 'typed', code: 'EXPRESSION_SYNTAX' })
    expect(await runExpressionCase('$trim( 1e308 /[0-9]+/ $zip( ] /(a+)+$/ ] */ ;')).toEqual({
      kind: 'typed',
      code: 'EXPRESSION_SYNTAX',
    })
  })

  it.each([
    '$ ~> |name|{"k": 1}|',
    '"李雷"{function($x, $i) { a }: 1}',
    '$sift()',
    '$formatNumber(2.5, price)',
    '*[$split(nested)]',
  ])('reports JSONata’s own defect on %s as EXPRESSION_ERROR marked as an engine error', async (source) => {
    const outcome = await runExpressionCase(source)
    expect(outcome).toMatchObject({ kind: 'internal', code: 'EXPRESSION_ERROR' })
    expect(isKnownDefect((outcome as { cause: Error }).cause.message)).toBe(true)
  })
})
