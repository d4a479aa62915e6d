import { ERROR_PORT, type FlowEdge, isTrigger, outputPorts } from '@zhiliu/nodes'
import { type FlowProblem, type ProblemPlace, problem } from './problem.ts'
import type { CheckedNode, ValidationContext } from './validation-context.ts'

/** Every edge joins two existing nodes through ports they have, once, without crossing a loop's border. */
export function checkEdges(ctx: ValidationContext): FlowProblem[] {
  const problems: FlowProblem[] = []
  const ids = new Set<string>()
  const wires = new Set<string>()
  ctx.flow.edges.forEach((edge, index) => {
    const at = (...rest: string[]) => ({ path: ['edges', index, ...rest], edgeId: edge.id })
    if (ids.has(edge.id)) problems.push(problem('DUPLICATE_EDGE_ID', { id: edge.id }, at('id')))
    ids.add(edge.id)
    const source = ctx.byId.get(edge.source)
    const target = ctx.byId.get(edge.target)
    if (!source) problems.push(problem('EDGE_SOURCE_MISSING', { node: edge.source }, at('source')))
    if (!target) problems.push(problem('EDGE_TARGET_MISSING', { node: edge.target }, at('target')))
    if (!source || !target) return
    const wire = [edge.source, edge.sourcePort, edge.target, edge.targetPort].join('\u0000')
    if (wires.has(wire)) {
      problems.push(problem('DUPLICATE_EDGE', { source: edge.source, target: edge.target }, at()))
      return
    }
    wires.add(wire)
    const portProblem = checkSourcePort(edge, source, at('sourcePort')) ?? checkTargetPort(edge, target, at)
    if (portProblem) problems.push(portProblem)
    if (source.node.parentId !== target.node.parentId) {
      problems.push(problem('EDGE_CROSSES_LOOP', { source: edge.source, target: edge.target }, at()))
    }
  })
  return problems
}

function checkSourcePort(edge: FlowEdge, source: CheckedNode, place: ProblemPlace): FlowProblem | undefined {
  if (edge.sourcePort === ERROR_PORT) {
    if (source.node.settings.onError === 'errorPort') return undefined
    return problem('ERROR_PORT_DISABLED', { node: source.node.id }, place)
  }
  const def = source.def
  // Ports derived from config are unknowable while the config does not parse; that is reported on the config.
  if (!def || (typeof def.outputs === 'function' && source.config === undefined)) return undefined
  const ports = outputPorts(def, source.config).map((p) => p.name)
  if (ports.includes(edge.sourcePort)) return undefined
  return problem('UNKNOWN_OUTPUT_PORT', { node: source.node.id, port: edge.sourcePort, ports }, place)
}

function checkTargetPort(
  edge: FlowEdge,
  target: CheckedNode,
  at: (...rest: string[]) => ProblemPlace,
): FlowProblem | undefined {
  const def = target.def
  if (!def) return undefined
  if (isTrigger(def)) return problem('EDGE_INTO_TRIGGER', { node: target.node.id }, at('target'))
  const ports = def.inputs.map((p) => p.name)
  if (ports.includes(edge.targetPort)) return undefined
  return problem(
    'UNKNOWN_INPUT_PORT',
    { node: target.node.id, port: edge.targetPort, ports },
    at('targetPort'),
  )
}
