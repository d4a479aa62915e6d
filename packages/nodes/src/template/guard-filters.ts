import type { FilterImplOptions, Liquid } from 'liquidjs'
import { ExpressionError } from '../errors.ts'

type FilterHandler = Extract<FilterImplOptions, (...args: never[]) => unknown>
type FilterThis = ThisParameterType<FilterHandler>

/**
 * Wraps every filter of `liquid` with two checks Liquid lacks. The render time limit is only checked between tags, so
 * a chain of filters or one filter over a huge array ran unchecked: `(1..3000000) | where_exp: …` took 15 s. Now the
 * clock is checked before each filter, and arrays longer than `maxItems` are refused as input or argument, which
 * bounds any single filter call. Must run before the first parse: parsed templates keep the handler they saw.
 */
export function guardFilters(liquid: Liquid, maxItems: number): void {
  for (const [name, options] of Object.entries(liquid.filters)) {
    const handler = typeof options === 'function' ? options : options.handler
    const guarded: FilterHandler = function (this: FilterThis, value: unknown, ...args: unknown[]) {
      this.context.renderLimit.check(performance.now())
      for (const input of [value, ...args]) {
        if (Array.isArray(input) && input.length > maxItems) {
          throw new ExpressionError(
            'TEMPLATE_LIMIT',
            `Template exceeded a limit: filter "${name}" got an array of ${input.length} items; the limit is ${maxItems}`,
            { filter: name, items: input.length, limit: maxItems },
          )
        }
      }
      return handler.apply(this, [value, ...args])
    }
    liquid.registerFilter(name, typeof options === 'function' ? guarded : { ...options, handler: guarded })
  }
}
