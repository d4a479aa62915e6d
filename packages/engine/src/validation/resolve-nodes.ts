import type { AnyNodeDefinition, Flow } from '@zhiliu/nodes'
import { type FlowProblem, problem } from './problem.ts'
import type { CheckedNode } from './validation-context.ts'

export type DefinitionIndex = ReadonlyMap<string, ReadonlyMap<number, AnyNodeDefinition>>

export function indexDefinitions(definitions: readonly AnyNodeDefinition[]): DefinitionIndex {
  const index = new Map<string, Map<number, AnyNodeDefinition>>()
  for (const def of definitions) {
    const versions = index.get(def.type) ?? new Map<number, AnyNodeDefinition>()
    versions.set(def.version, def)
    index.set(def.type, versions)
  }
  return index
}

/** Pairs every node with its definition and reports duplicate ids, unknown types and unknown versions. */
export function resolveNodes(
  flow: Flow,
  definitions: DefinitionIndex,
): { nodes: CheckedNode[]; problems: FlowProblem[] } {
  const problems: FlowProblem[] = []
  const seen = new Set<string>()
  const nodes = flow.nodes.map((node, index): CheckedNode => {
    const checked: CheckedNode = { index, node }
    const at = (field: string) => ({ path: ['nodes', index, field], nodeId: node.id })
    if (seen.has(node.id)) problems.push(problem('DUPLICATE_NODE_ID', { id: node.id }, at('id')))
    seen.add(node.id)
    const versions = definitions.get(node.type)
    const def = versions?.get(node.version)
    if (!versions) problems.push(problem('UNKNOWN_NODE_TYPE', { type: node.type }, at('type')))
    else if (!def) {
      const list = [...versions.keys()].sort((a, b) => a - b)
      problems.push(
        problem(
          'UNKNOWN_NODE_VERSION',
          { type: node.type, version: node.version, versions: list },
          at('version'),
        ),
      )
    }
    if (def) checked.def = def
    return checked
  })
  return { nodes, problems }
}
