import { ExpressionError, parseExpression } from '@zhiliu/nodes'
import { describeExpressionError } from './describe-expression-error.ts'
import { expressionStrings } from './expression-strings.ts'
import { type FlowProblem, problem } from './problem.ts'
import { type CheckedNode, nodePlace } from './validation-context.ts'

/**
 * Parses every expression (JSONata) in a node's config, as the node will when it runs, so that a flow whose
 * expression cannot run is refused when it is checked, saved for publishing or run from the command line, rather
 * than failing every call. Reports EXPRESSION_SYNTAX with the line and column, or EXPRESSION_INVALID for one too
 * long or nested too deeply to parse.
 */
export function checkExpressions(n: CheckedNode, reported: readonly FlowProblem[] = []): FlowProblem[] {
  if (!n.def) return []
  const problems: FlowProblem[] = []
  // A field the schema already refused (too long for it, say) gets one message, not two.
  const refused = new Set(reported.map((p) => JSON.stringify(p.path)))
  for (const { field, source } of expressionStrings(n.node.config, n.def.config)) {
    const place = nodePlace(n, 'config', ...field)
    if (refused.has(JSON.stringify(place.path))) continue
    try {
      parseExpression(source)
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err
      const { reason, place: at, details } = describeExpressionError(err, source)
      const found =
        err.code === 'EXPRESSION_LIMIT'
          ? problem('EXPRESSION_INVALID', limitOf(details), place)
          : problem('EXPRESSION_SYNTAX', { reason, line: at?.line, column: at?.column }, place)
      problems.push({ ...found, details })
    }
  }
  return problems
}

function limitOf(details: Record<string, unknown>): { length?: number; limit?: number } {
  const { length, limit } = details
  return typeof length === 'number' && typeof limit === 'number' ? { length, limit } : {}
}
