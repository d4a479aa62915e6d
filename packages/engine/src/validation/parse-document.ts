import { Flow, FlowEdge, FlowNode } from '@zhiliu/nodes'
import { z } from 'zod'
import { describeIssue } from './describe-issue.ts'
import { type FlowProblem, type PathSegment, problem } from './problem.ts'

export interface ParsedDocument {
  /** The parsed document, when it is a valid `Flow`. */
  flow?: Flow
  /**
   * What the graph checks run on: the flow itself, or, when only top-level fields (name, settings…) are wrong,
   * a stand-in built from the valid nodes and edges, so one typo in the name does not hide every other problem.
   * Absent when the nodes or edges themselves cannot be read: checking them further would only produce noise.
   */
  usable?: Flow
  problems: FlowProblem[]
}

export function parseDocument(input: unknown): ParsedDocument {
  const parsed = Flow.safeParse(input, { reportInput: true })
  if (parsed.success) return { flow: parsed.data, usable: parsed.data, problems: [] }
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.map(toSegment)
    return problem('INVALID_FLOW', { detail: describeIssue(issue) }, { path, ...owner(input, path) })
  })
  return { usable: salvage(input, problems), problems }
}

function salvage(input: unknown, problems: readonly FlowProblem[]): Flow | undefined {
  const structural = problems.some(
    (p) => p.path.length === 0 || p.path[0] === 'nodes' || p.path[0] === 'edges',
  )
  if (structural || !isRecord(input)) return undefined
  const nodes = z.array(FlowNode).safeParse(input.nodes)
  const edges = z.array(FlowEdge).safeParse(input.edges)
  if (!nodes.success || !edges.success) return undefined
  return { schemaVersion: 1, name: '', nodes: nodes.data, edges: edges.data, settings: { concurrency: 8 } }
}

/** Names the node or edge a path points into, read from the raw input since it did not parse. */
function owner(input: unknown, path: readonly PathSegment[]): { nodeId?: string; edgeId?: string } {
  const [list, index] = path
  if ((list !== 'nodes' && list !== 'edges') || typeof index !== 'number' || !isRecord(input)) return {}
  const items = input[list]
  const item = Array.isArray(items) ? (items[index] as unknown) : undefined
  const id = isRecord(item) ? item.id : undefined
  if (typeof id !== 'string') return {}
  return list === 'nodes' ? { nodeId: id } : { edgeId: id }
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === 'symbol' ? String(key) : key
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
