import { afterEach, describe, expect, it } from 'vitest'
import { ExpressionError } from '../errors.ts'
import { type ExpressionOptions, evaluateExpression } from './evaluate-expression.ts'

// Every attack must end in a clear ExpressionError within its limit, reach nothing outside its input and bindings,
// and leave the prototypes and the input as they were.

const objectProtoKeys = Reflect.ownKeys(Object.prototype)
const arrayProtoKeys = Reflect.ownKeys(Array.prototype)

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Reflect.ownKeys(Object.prototype)).toEqual(objectProtoKeys)
  expect(Reflect.ownKeys(Array.prototype)).toEqual(arrayProtoKeys)
})

const fast: ExpressionOptions = { timeoutMs: 200 }

/** Evaluates, and returns the ExpressionError it threw with how long it took, or fails the test. */
async function attack(expression: string, options: ExpressionOptions = fast, input: unknown = {}) {
  const started = performance.now()
  try {
    await evaluateExpression(expression, input, options)
  } catch (err) {
    if (err instanceof ExpressionError) return { error: err, ms: performance.now() - started }
    throw err
  }
  throw new Error(`expected ${expression.slice(0, 60)} to fail`)
}

describe('expression safety: time and depth', () => {
  it('stops endless self-recursion at the default time limit', async () => {
    const { error, ms } = await attack('($f := function($x){ $f($x) }; $f(1))', {})
    expect(error).toMatchObject({ code: 'EXPRESSION_LIMIT', details: { jsonataCode: 'D1012' } })
    expect(ms).toBeLessThan(5000)
  })

  it('stops deep recursion at the depth limit', async () => {
    const { error } = await attack('($f := function($x){ 1 + $f($x) }; $f(1))')
    expect(error).toMatchObject({ code: 'EXPRESSION_LIMIT', details: { jsonataCode: 'D1011' } })
  })

  it.each([
    ['a square of ranges', '[1..10000].([1..10000])'],
    ['a sort with a slow comparator', '$sort([1..100000], function($a, $b) { $a < $b })'],
    ['recursion inside $eval', '$eval("($f := function($x){ $f($x) }; $f(1))")'],
  ])('stops %s within the time limit', async (_name, expression) => {
    const { error, ms } = await attack(expression)
    expect(error.code).toBe('EXPRESSION_LIMIT')
    expect(ms).toBeLessThan(3000)
  })
})

describe('expression safety: size', () => {
  it.each([
    ['a range beyond the sequence limit', '[1..1000000]'],
    ['a range beyond JSONata’s own cap', '[1..100000000]'],
    ['a range inside $eval', '$eval("[1..1000000]")'],
    ['an array built by a function', '$split($pad("", 200000, "a"), "")'],
    ['appending sequences', '$append([1..60000], [1..60000])'],
    [
      'a string doubled past the limit',
      '($s := $pad("", 1000000, "a"); $s & $s & $s & $s & $s & $s & $s & $s & $s & $s & $s)',
    ],
  ])('refuses %s', async (_name, expression) => {
    const { error, ms } = await attack(expression, {})
    expect(error.code).toBe('EXPRESSION_LIMIT')
    expect(ms).toBeLessThan(3000)
  })

  it('refuses a $pad width past the string limit before allocating anything', async () => {
    const { error } = await attack('$pad("x", 400000000)')
    expect(error).toMatchObject({ code: 'EXPRESSION_LIMIT', message: /\$pad to 400000000 characters/ })
  })
})

describe('expression safety: regular expressions', () => {
  // Each of these takes a backtracking engine minutes to years; RE2 answers in linear time.
  it.each([
    ['nested quantifiers', '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)'],
    ['overlapping alternation', '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /^(a|a)*b$/)'],
    [
      'a classic e-mail ReDoS',
      '$match($pad("", 5000, "a") & "!", /^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@)/)',
    ],
    ['a long input', '$replace($pad("", 100000, "x"), /(x+x+)+y/, "z") ~> $length()'],
    ['a regex built by $eval', '$eval("$match(\'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\', /(a+)+$/)")'],
  ])('matches %s without catastrophic backtracking', async (_name, expression) => {
    const started = performance.now()
    const result = await evaluateExpression(expression, {})
    expect(performance.now() - started).toBeLessThan(2000)
    expect(result === undefined || result === false || result === 100000).toBe(true)
  })

  it('refuses a regex built by $eval that RE2 cannot run, as a runtime error', async () => {
    const { error } = await attack('$eval("$match(\'aa\', /(a)\\\\1/)")')
    expect(error).toMatchObject({ code: 'EXPRESSION_ERROR', message: expect.stringContaining('\\1') })
  })
})

describe('expression safety: prototypes and functions', () => {
  it.each([
    ['an object literal', '{"__proto__": {"polluted": true}, "a": 1}'],
    ['$merge', '$merge([{"a": 1}, {"__proto__": {"polluted": true}}])'],
    ['$spread', '$spread({"a": 1, "__proto__": {"polluted": true}}) ~> $merge()'],
    ['a nested constructor.prototype', '{"a": 1, "constructor": {"prototype": {"polluted": true}}}'],
    ['the transform operator', '$ ~> |$|{"__proto__": {"polluted": true}}|'],
    ['the transform operator on constructor', '$ ~> |$|{"constructor": {"prototype": {"polluted": true}}}|'],
  ])('drops __proto__, constructor and prototype keys produced by %s', async (_name, expression) => {
    const result = (await evaluateExpression(expression, { a: 1 })) as Record<string, unknown>
    expect(result).toEqual({ a: 1 })
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    expect(Object.getOwnPropertyNames(result)).toEqual(['a'])
    expect(result.polluted).toBeUndefined()
  })

  it.each([
    '$.constructor',
    '$lookup($, "constructor")',
    '"abc".constructor',
    '$string.constructor',
    'items.__proto__',
    '$process',
    '$globalThis',
    '$eval("$process")',
  ])('%s reaches nothing', async (expression) => {
    expect(await evaluateExpression(expression, { items: [1] })).toBeUndefined()
  })

  it.each(['function($x) { $x }', '{"f": $string}', '[1, $uppercase]'])(
    'refuses a function in the result: %s',
    async (expression) => {
      const { error } = await attack(expression)
      expect(error).toMatchObject({ code: 'EXPRESSION_ERROR', message: /returned a function/ })
    },
  )

  it('leaves the input unchanged when transforming it', async () => {
    const input = { items: [{ qty: 2 }, { qty: 3 }] }
    const result = await evaluateExpression('$ ~> |items|{"qty": 0, "__proto__": {"polluted": true}}|', input)
    expect(result).toEqual({ items: [{ qty: 0 }, { qty: 0 }] })
    expect(input).toEqual({ items: [{ qty: 2 }, { qty: 3 }] })
  })
})
