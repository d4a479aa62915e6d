import type { FlowProblem } from '@zhiliu/engine'

/** `node "summarize" (config.template): refers to nodes.fetch, which is not upstream of this node` */
export function formatProblem(problem: FlowProblem): string {
  const where = problem.nodeId
    ? `node "${problem.nodeId}"`
    : problem.edgeId
      ? `edge "${problem.edgeId}"`
      : 'flow'
  // The first two path segments (`nodes`, index) only repeat the node id.
  const rest = problem.nodeId || problem.edgeId ? problem.path.slice(2) : problem.path
  const field = rest.length > 0 ? ` (${formatPath(rest)})` : ''
  return `${where}${field}: ${problem.message}`
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    '',
  )
}
