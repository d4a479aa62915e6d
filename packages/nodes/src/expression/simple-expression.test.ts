import fc from 'fast-check'
import jsonata from 'jsonata'
import { describe, expect, it } from 'vitest'
import { evaluateExpression } from './evaluate-expression.ts'
import { FALLBACK, simpleEvaluatorOf } from './simple-expression.ts'

/** JSONata's own answer, or the error code it throws. */
async function byJsonata(source: string, input: unknown, bindings?: Record<string, unknown>) {
  try {
    return { value: await jsonata(source).evaluate(input, bindings) }
  } catch (err) {
    return { error: (err as { code?: string }).code }
  }
}

const inputs: unknown[] = [
  { result: 1, counter: 0, title: 'Quarterly Report', text: 'héllo 🌏 world', a: { b: { c: 'deep' } } },
  { result: 2.5, counter: -3, title: '  spaced \t out\n ', text: '', a: { b: 7 } },
  { result: '1', counter: null, title: 42, text: ['list'], a: [{ b: 1 }] },
  { result: true, title: null, a: null },
  [{ result: 1 }, { result: 2 }],
  'just a string',
  7,
  null,
  {},
]

const expressions = [
  'result + 1',
  'counter + 1',
  'result * 2 - counter / 4',
  'result % 2',
  '-result',
  'result / 0',
  'result = 1',
  'result != "1"',
  'title < "R"',
  'result >= counter',
  'title & " by me"',
  '$uppercase(title)',
  '$lowercase(title)',
  '$length(text)',
  '$trim(title)',
  'a.b.c',
  'a.b',
  'a',
  '$',
  '$.result',
  '$input.result + 1',
  '$uppercase($input.title)',
  'missing + 1',
  'missing.deeper',
  'true',
  'null',
  '"text"',
  'constructor',
  'toString',
  '__proto__',
]

describe('the fast path for small expressions', () => {
  it('answers exactly as JSONata does, or leaves the answer to JSONata', async () => {
    let answered = 0
    for (const source of expressions) {
      for (const input of inputs) {
        const bindings = { input }
        const expected = await byJsonata(source, input, bindings)
        const simple = simpleEvaluatorOf(jsonata(source))
        const fast = simple ? simple(input, bindings) : FALLBACK
        if (fast !== FALLBACK) {
          answered++
          expect({ source, input, value: fast }).toEqual({ source, input, value: expected.value })
        }
      }
    }
    // Most pairs above are within the fast path's reach; the comparison must not pass by never running.
    expect(answered).toBeGreaterThan(60)
  })

  it('covers the common shapes and not the rest', () => {
    const covered = (source: string) => simpleEvaluatorOf(jsonata(source)) !== null
    expect(['result + 1', '$uppercase(title)', 'a.b.c', '$input.x', 'price * qty > 10'].every(covered)).toBe(
      true,
    )
    const uncovered = [
      'items[0]',
      'items.price',
      '$sum(items)',
      'a ? b : c',
      '{ "x": 1 }',
      '$string(1)',
      'a and b',
    ]
    expect(uncovered.filter(covered)).toEqual(['items.price'])
  })

  it('leaves arrays, missing fields and functions shadowed by a binding to JSONata', () => {
    const plus = simpleEvaluatorOf(jsonata('result + 1'))
    expect(plus?.([{ result: 1 }], undefined)).toBe(FALLBACK)
    expect(plus?.({}, undefined)).toBe(FALLBACK)
    const upper = simpleEvaluatorOf(jsonata('$uppercase(title)'))
    expect(upper?.({ title: 'x' }, { uppercase: () => 'mine' })).toBe(FALLBACK)
    expect(upper?.({ title: 'x' }, undefined)).toBe('X')
  })

  it('agrees with JSONata on generated numbers and strings', async () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
    )
    const op = fc.constantFrom('+', '-', '*', '/', '%', '<', '<=', '>', '>=', '=', '!=', '&')
    await fc.assert(
      fc.asyncProperty(value, value, op, async (x, y, operator) => {
        const source = `x ${operator} y`
        const input = { x, y }
        const fast = simpleEvaluatorOf(jsonata(source))?.(input, undefined) ?? FALLBACK
        if (fast === FALLBACK) return
        expect(fast).toEqual((await byJsonata(source, input)).value)
      }),
      { numRuns: 2000 },
    )
  })

  it('gives evaluateExpression the same results either way', async () => {
    expect(await evaluateExpression('result + 1', { result: 41 })).toBe(42)
    expect(await evaluateExpression('a', { a: { b: [1, 2] } })).toEqual({ b: [1, 2] })
    expect(await evaluateExpression('a.b', { a: [{ b: 1 }, { b: 2 }] })).toEqual([1, 2])
    await expect(evaluateExpression('result + 1', { result: 'x' })).rejects.toMatchObject({
      code: 'EXPRESSION_ERROR',
    })
  })
})
