import { type AnyNodeDefinition, builtinNodes, type Flow } from '@zhiliu/nodes'
import { createFlowGraph } from './flow-graph.ts'
import { checkConfig } from './validation/check-config.ts'
import { checkCycles } from './validation/check-cycles.ts'
import { checkEdges } from './validation/check-edges.ts'
import { checkExpressions } from './validation/check-expressions.ts'
import { checkReachability } from './validation/check-reachability.ts'
import { checkStructure } from './validation/check-structure.ts'
import { checkTemplates } from './validation/check-templates.ts'
import { parseDocument } from './validation/parse-document.ts'
import { type FlowProblem, isError } from './validation/problem.ts'
import { type DefinitionIndex, indexDefinitions, resolveNodes } from './validation/resolve-nodes.ts'
import type { TemplatedString } from './validation/templated-strings.ts'
import type { CheckedNode, ValidationContext } from './validation/validation-context.ts'

export { formatProblem, formatProblems } from './validation/format-problems.ts'
export type { FlowProblem } from './validation/problem.ts'
export { type ProblemCode, problemTexts } from './validation/problem-texts.ts'

export interface ValidateOptions {
  /** The node definitions to check against; the built-in ones by default. */
  definitions?: readonly AnyNodeDefinition[]
  /**
   * How to report a credential field left empty (`CREDENTIAL_NOT_CHOSEN`): an error by default, since a run would
   * fail at that node; a warning for callers that keep no credentials at all, such as the command line, where the
   * node fails either way and everything before it (an approval, say) is still worth running.
   */
  unchosenCredentials?: 'error' | 'warning'
}

/** `ok` is false only for errors; warnings may accompany a valid flow. */
export type ValidationResult =
  | { ok: true; flow: Flow; problems: FlowProblem[] }
  | { ok: false; flow?: Flow; problems: FlowProblem[] }

/**
 * Checks a flow document and returns every problem at once, each with the node and field it is about, so a person
 * can fix them in one pass. Pure and synchronous: the editor runs it on every change, the server before saving and
 * running, the CLI in `zhiliu validate`.
 */
export function validateFlow(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const doc = parseDocument(input)
  const problems = doc.problems
  if (doc.usable)
    problems.push(
      ...checkGraph(
        doc.usable,
        definitionIndex(options.definitions ?? builtinNodes),
        options.unchosenCredentials ?? 'error',
      ),
    )
  problems.sort(byPlace)
  if (doc.flow && !problems.some(isError)) return { ok: true, flow: doc.flow, problems }
  return doc.flow ? { ok: false, flow: doc.flow, problems } : { ok: false, problems }
}

function checkGraph(
  flow: Flow,
  definitions: DefinitionIndex,
  unchosenCredentials: 'error' | 'warning',
): FlowProblem[] {
  const resolved = resolveNodes(flow, definitions)
  const problems = resolved.problems
  const templates = new Map<CheckedNode, TemplatedString[]>()
  for (const n of resolved.nodes) {
    const result = checkConfig(n, unchosenCredentials)
    if (result.config !== undefined) n.config = result.config
    if (result.templates.length > 0) templates.set(n, result.templates)
    problems.push(...result.problems, ...checkExpressions(n, result.problems))
  }
  const byId = new Map<string, CheckedNode>()
  for (const n of resolved.nodes) if (!byId.has(n.node.id)) byId.set(n.node.id, n)
  const graph = createFlowGraph(flow)
  const ctx: ValidationContext = { flow, graph, nodes: resolved.nodes, byId }
  problems.push(
    ...checkStructure(ctx),
    ...checkEdges(ctx),
    ...checkCycles(graph),
    ...checkTemplates(ctx, templates),
    ...checkReachability(ctx),
  )
  return problems
}

const indexes = new WeakMap<readonly AnyNodeDefinition[], DefinitionIndex>()

/** The editor validates on every keystroke against the same list; index it once. */
function definitionIndex(definitions: readonly AnyNodeDefinition[]): DefinitionIndex {
  const known = indexes.get(definitions)
  if (known) return known
  const index = indexDefinitions(definitions)
  indexes.set(definitions, index)
  return index
}

const listRank = (p: FlowProblem) => (p.path[0] === 'nodes' ? 1 : p.path[0] === 'edges' ? 2 : 0)

/** Flow-level problems first, then nodes and edges in document order; within one place, the order checks ran. */
function byPlace(a: FlowProblem, b: FlowProblem): number {
  const rank = listRank(a) - listRank(b)
  if (rank !== 0 || listRank(a) === 0) return rank
  return Number(a.path[1]) - Number(b.path[1])
}
