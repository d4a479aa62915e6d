import type { AnyNodeDefinition, Flow, FlowNode } from '@zhiliu/nodes'
import type { FlowGraph } from '../flow-graph.ts'
import type { PathSegment, ProblemPlace } from './problem.ts'

/** One node as the checks see it: where it sits in the document and what is known about it so far. */
export interface CheckedNode {
  index: number
  node: FlowNode
  /** Absent when the type or version is unknown; checks that need it skip the node (already reported). */
  def?: AnyNodeDefinition
  /** The config as the definition's schema parsed it; absent when it did not parse, even for template reasons. */
  config?: unknown
}

/** What every check after the document parse reads. Built once, so no check re-indexes the flow. */
export interface ValidationContext {
  flow: Flow
  graph: FlowGraph
  nodes: readonly CheckedNode[]
  /** The first node with each id: duplicates are reported, and the first one is what people see first. */
  byId: ReadonlyMap<string, CheckedNode>
}

export function nodePlace(n: CheckedNode, ...rest: PathSegment[]): ProblemPlace {
  return { path: ['nodes', n.index, ...rest], nodeId: n.node.id }
}

export function isLoop(n: CheckedNode | undefined): boolean {
  return n?.def?.iterates === true
}

const outputs = new WeakMap<CheckedNode, AnyNodeDefinition['output'] | undefined>()

/**
 * The output schema templates are checked against: the precise one derived from config when there is one.
 * Memoized per node, because `outputFor` builds a new schema and a node may be referenced hundreds of times.
 */
export function outputSchemaOf(n: CheckedNode): AnyNodeDefinition['output'] | undefined {
  if (!outputs.has(n)) outputs.set(n, deriveOutput(n))
  return outputs.get(n)
}

function deriveOutput(n: CheckedNode): AnyNodeDefinition['output'] | undefined {
  const def = n.def
  if (!def) return undefined
  if (def.outputFor && n.config !== undefined) {
    try {
      return def.outputFor(n.config)
    } catch {
      // A definition's helper failing on an odd config must not stop validation; fall back to the general shape.
    }
  }
  return def.output
}
