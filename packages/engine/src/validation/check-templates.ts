import { ExpressionError, isTrigger, type TemplateRef, templateRefs } from '@zhiliu/nodes'
import { describeTemplateError } from './describe-template-error.ts'
import { formatRef } from './format-ref.ts'
import { type FlowProblem, type PathSegment, type ProblemPlace, problem } from './problem.ts'
import { matchSchemaPath } from './schema-path.ts'
import type { TemplatedString } from './templated-strings.ts'
import { type CheckedNode, nodePlace, outputSchemaOf, type ValidationContext } from './validation-context.ts'

/** Checks what every template reads: a known root, a node that has run by then, a field its output has. */
export function checkTemplates(
  ctx: ValidationContext,
  templates: ReadonlyMap<CheckedNode, TemplatedString[]>,
) {
  const problems: FlowProblem[] = []
  const trigger = ctx.nodes.find((n) => n.def && isTrigger(n.def))
  for (const [n, strings] of templates) {
    for (const { field, source } of strings) {
      const place = nodePlace(n, 'config', ...field)
      let refs: TemplateRef[]
      try {
        refs = templateRefs(source)
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err
        if (err.code === 'TEMPLATE_SYNTAX') {
          const { details, ...said } = describeTemplateError(err)
          problems.push({ ...problem('TEMPLATE_SYNTAX', said, place), details })
        } else problems.push(problem('TEMPLATE_INVALID', { detail: err.message }, place))
        continue
      }
      for (const ref of refs) {
        const found = checkRef(ctx, n, ref, trigger, place)
        if (found) problems.push(found)
      }
    }
  }
  return problems
}

function checkRef(
  ctx: ValidationContext,
  n: CheckedNode,
  ref: TemplateRef,
  trigger: CheckedNode | undefined,
  place: ProblemPlace,
): FlowProblem | undefined {
  const shown = formatRef(ref.root, ref.path)
  switch (ref.root) {
    case 'trigger':
      if (!trigger) return problem('TEMPLATE_NO_TRIGGER', { ref: shown }, place)
      return checkFields(trigger, ref, place)
    case 'item':
    case 'index':
      return n.node.parentId === undefined ? problem('TEMPLATE_LOOP_ONLY', { ref: shown }, place) : undefined
    case 'nodes':
      return checkNodeRef(ctx, n, ref, place)
    default:
      return problem('TEMPLATE_UNKNOWN_ROOT', { ref: shown }, place)
  }
}

function checkNodeRef(ctx: ValidationContext, n: CheckedNode, ref: TemplateRef, place: ProblemPlace) {
  const shown = formatRef(ref.root, ref.path)
  const id = ref.path[0]
  if (id === undefined) return undefined // `{{ nodes }}` as a whole: unusual, but not wrong
  const target = ctx.byId.get(String(id))
  if (!target) return problem('TEMPLATE_UNKNOWN_NODE', { ref: shown, node: String(id) }, place)
  if (target === n) return problem('TEMPLATE_SELF', { ref: shown }, place)
  if (!ctx.graph.upstream(n.node.id).has(target.node.id)) {
    const around = enclosingLoops(ctx, n)
    if (around.includes(target))
      return problem('TEMPLATE_ENCLOSING_LOOP', { ref: shown, node: target.node.id }, place)
    const loop = loopHiding(ctx, target, around)
    if (loop)
      return problem('TEMPLATE_INSIDE_LOOP', { ref: shown, node: target.node.id, loop: loop.node.id }, place)
    return problem('TEMPLATE_NOT_UPSTREAM', { ref: shown, node: target.node.id }, place)
  }
  // With `continue` or `errorPort`, a failed node's output is `{ error: { code, message } }` instead.
  if (ref.path[1] === 'error' && target.node.settings.onError !== 'fail') return undefined
  return checkFields(target, ref, place)
}

/** Walks the path after `trigger` or `nodes.<id>` through the output schema of the node it names. */
function checkFields(target: CheckedNode, ref: TemplateRef, place: ProblemPlace) {
  const schema = outputSchemaOf(target)
  if (!schema) return undefined
  const head: PathSegment[] = ref.root === 'nodes' ? ref.path.slice(0, 1) : []
  const fields = ref.path.slice(head.length)
  const miss = matchSchemaPath(schema, fields)
  if (!miss) return undefined
  const owner = formatRef(ref.root, [...head, ...fields.slice(0, miss.at)])
  const params = {
    ref: formatRef(ref.root, ref.path),
    owner,
    key: String(fields[miss.at]),
    kind: miss.kind,
    fields: miss.fields,
  }
  return problem('TEMPLATE_UNKNOWN_FIELD', params, place)
}

/** The for-each loops `n` sits in, innermost first. */
function enclosingLoops(ctx: ValidationContext, n: CheckedNode): CheckedNode[] {
  const loops: CheckedNode[] = []
  for (
    let p = ctx.byId.get(n.node.parentId ?? '');
    p && !loops.includes(p);
    p = ctx.byId.get(p.node.parentId ?? '')
  ) {
    loops.push(p)
  }
  return loops
}

/** The loop whose results a node outside it should use instead of `target`, which runs once per item inside. */
function loopHiding(ctx: ValidationContext, target: CheckedNode, around: readonly CheckedNode[]) {
  for (const loop of enclosingLoops(ctx, target)) {
    if (around.includes(loop)) return undefined
    const parent = ctx.byId.get(loop.node.parentId ?? '')
    if (!parent || around.includes(parent)) return loop
  }
  return undefined
}
