import { type Liquid, type Template, TypeGuards } from 'liquidjs'
import { ExpressionError } from '../errors.ts'

/**
 * Whether a parsed template builds a range (`(1..n)`), refusing one whose literal bounds span more than `maxItems`.
 * Liquid builds a range as one array in one synchronous step that no time limit can interrupt (`(1..9000000)` held
 * the thread for seconds), so a range with computed bounds is worth knowing about before rendering: the server
 * renders such templates off the event loop. Walks the parsed objects generically (Liquid keeps tokens in many
 * shapes: outputs, for/if/assign tags, filter arguments), skipping the engine itself.
 */
export function findRanges(templates: Template[], engine: Liquid, maxItems: number): boolean {
  const seen = new Set<object>([engine])
  const pending: unknown[] = [...templates]
  let found = false
  while (pending.length > 0) {
    const node = pending.pop()
    if (typeof node !== 'object' || node === null || seen.has(node)) continue
    seen.add(node)
    if (TypeGuards.isRangeToken(node)) {
      found = true
      const { lhs, rhs } = node
      if (TypeGuards.isNumberToken(lhs) && TypeGuards.isNumberToken(rhs)) {
        const span = Number(rhs.getText()) - Number(lhs.getText()) + 1
        if (span > maxItems) {
          throw new ExpressionError(
            'TEMPLATE_LIMIT',
            `The range ${node.getText()} has ${span} items; a range may have at most ${maxItems}`,
            { items: span, limit: maxItems },
          )
        }
      }
    }
    for (const value of Object.values(node)) if (typeof value === 'object') pending.push(value)
  }
  return found
}
