import jsonata from 'jsonata'
import { describe, expect, it } from 'vitest'
import { evaluateExpression } from './evaluate-expression.ts'

const order = {
  customer: { name: '李雷', email: 'li@example.com' },
  items: [
    { sku: 'A-1', qty: 2, price: 9.5 },
    { sku: 'B-2', qty: 1, price: 20 },
    { sku: 'C-3', qty: 5, price: 1 },
  ],
}

describe('evaluateExpression', () => {
  it('evaluates paths, filters, aggregates and object construction', async () => {
    const result = await evaluateExpression(
      '{ "who": customer.name, "total": $sum(items.(qty * price)), "big": items[qty > 1].sku }',
      order,
    )
    expect(result).toEqual({ who: '李雷', total: 44, big: ['A-1', 'C-3'] })
  })

  it('reads bindings as $variables', async () => {
    const trigger = { body: { discount: 0.5 } }
    const result = await evaluateExpression('$sum(items.price) * (1 - $trigger.body.discount)', order, {
      bindings: { trigger },
    })
    expect(result).toBe(15.25)
  })

  it('returns undefined when nothing matches', async () => {
    expect(await evaluateExpression('items[qty > 100].sku', order)).toBeUndefined()
  })

  it('returns plain arrays and objects, without JSONata’s sequence flags or null prototypes', async () => {
    const result = (await evaluateExpression('items.{ "sku": sku }', order)) as Array<Record<string, unknown>>
    expect(Object.keys(result)).toEqual(['0', '1', '2'])
    expect(Object.getPrototypeOf(result[0])).toBe(Object.prototype)
    expect(result).toEqual([{ sku: 'A-1' }, { sku: 'B-2' }, { sku: 'C-3' }])
  })

  it.each([
    '$match("ab12cd345ef", /([a-z])([0-9]+)/)',
    '$match("x1 x22 x333", /x[0-9]+/, 2)',
    '$replace("John Smith", /(\\w+)\\s(\\w+)/, "$2, $1")',
    '$replace("a-b-c", /-/, function($m) { "+" & $m.index })',
    '$split("a1b22c333d", /[0-9]+/, 3)',
    '$contains("Hello World", /wORLD/i)',
    '$match("a\\nb\\nc", /^b$/m)',
    '$match("😀 李雷 ab", /ab/)',
    '["apple", "Banana", "cherry"][$ ~> /^[a-b]/i]',
  ])('runs %s with the same result as JSONata on JS regexes', async (expression) => {
    const native = await jsonata(expression).evaluate({})
    expect(await evaluateExpression(expression, {})).toEqual(JSON.parse(JSON.stringify(native)))
  })

  it.each([
    '$pad("ab", 5)',
    '$pad("ab", -5, "#")',
    '$pad("ab", 6, "xyz")',
    '$pad("李雷", 4, "😀")',
    '$pad("abcdef", 3)',
  ])('keeps $pad’s behaviour: %s', async (expression) => {
    expect(await evaluateExpression(expression, {})).toBe(await jsonata(expression).evaluate({}))
  })

  it('reports syntax errors as EXPRESSION_SYNTAX with JSONata’s message and position', async () => {
    await expect(evaluateExpression('items[qty > ].sku', order)).rejects.toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      message: 'Expression syntax error at position 13: The symbol "]" cannot be used as a unary operator',
      details: { jsonataCode: 'S0211', position: 13 },
    })
  })

  it('rejects regexes RE2 cannot run, when compiling, as EXPRESSION_SYNTAX', async () => {
    await expect(evaluateExpression('$match("aa", /(a)\\1/)', {})).rejects.toMatchObject({
      code: 'EXPRESSION_SYNTAX',
      message: expect.stringContaining(
        'regexes run on a linear-time engine without backreferences or lookaround',
      ),
    })
    await expect(evaluateExpression('$match("ab", /a(?=b)/)', {})).rejects.toMatchObject({
      code: 'EXPRESSION_SYNTAX',
    })
  })

  it('reports runtime failures as EXPRESSION_ERROR with JSONata’s message', async () => {
    await expect(evaluateExpression('$number("twelve")', {})).rejects.toMatchObject({
      code: 'EXPRESSION_ERROR',
      message: expect.stringContaining('Unable to cast value to a number: "twelve"'),
    })
    await expect(evaluateExpression('$notAFunction(1)', {})).rejects.toMatchObject({
      code: 'EXPRESSION_ERROR',
    })
  })

  it('marks a JavaScript error JSONata itself throws as an engine error, still EXPRESSION_ERROR', async () => {
    // JSONata 2.x reads `.arity` of the missing function; found by the grammar fuzz (tests/fuzz).
    await expect(evaluateExpression('$sift()', { a: 1 })).rejects.toMatchObject({
      code: 'EXPRESSION_ERROR',
      details: { engineError: 'TypeError' },
    })
  })

  it('applies the limits given per call, even to an expression compiled with others', async () => {
    expect(await evaluateExpression('$count([1..20])', {})).toBe(20)
    await expect(evaluateExpression('$count([1..20])', {}, { maxSequence: 10 })).rejects.toMatchObject({
      code: 'EXPRESSION_LIMIT',
    })
    expect(await evaluateExpression('$count([1..20])', {})).toBe(20)
  })

  it('refuses limits that are not positive integers', async () => {
    await expect(evaluateExpression('1', {}, { timeoutMs: 0 })).rejects.toThrow(RangeError)
    await expect(evaluateExpression('1', {}, { maxDepth: 1.5 })).rejects.toThrow(RangeError)
  })
})
