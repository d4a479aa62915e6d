import { describe, expect, it } from 'vitest'
import { evaluateExpression } from './evaluate-expression.ts'
import { evaluateQuickly, NOT_QUICK } from './evaluate-quickly.ts'

describe('evaluateQuickly', () => {
  it('answers the small expressions synchronously, as evaluateExpression does', async () => {
    const input = { result: 1, title: 'Report', a: { b: 'x' } }
    for (const source of ['result + 1', '$uppercase(title)', 'a.b & "!"', 'result >= 1', '"text"']) {
      const quick = evaluateQuickly(source, input)
      expect(quick).not.toBe(NOT_QUICK)
      expect(quick).toEqual(await evaluateExpression(source, input))
    }
  })

  it('leaves to JSONata what it cannot answer exactly: other functions, arrays, missing fields, bad syntax', () => {
    expect(evaluateQuickly('$string(result)', { result: 1 })).toBe(NOT_QUICK)
    expect(evaluateQuickly('result + 1', [{ result: 1 }, { result: 2 }])).toBe(NOT_QUICK)
    expect(evaluateQuickly('missing + 1', { result: 1 })).toBe(NOT_QUICK)
    expect(evaluateQuickly('result +', { result: 1 })).toBe(NOT_QUICK)
  })

  it('reads bindings, so `$input` means what the caller bound', () => {
    expect(evaluateQuickly('$input.n * 2', {}, { bindings: { input: { n: 4 } } })).toBe(8)
  })

  it('leaves options that set a limit to the full path, which checks them', async () => {
    expect(evaluateQuickly('result + 1', { result: 1 }, { timeoutMs: 50 })).toBe(NOT_QUICK)
    await expect(evaluateExpression('result + 1', { result: 1 }, { timeoutMs: -1 })).rejects.toThrow(
      RangeError,
    )
  })
})
