import {
  type AnyNodeDefinition,
  ERROR_PORT,
  type FlowNode,
  isTrigger,
  type NodeRegistry,
  type OnError,
  type RetryPolicy,
  ZhiliuError,
} from '@zhiliu/nodes'
import type { FlowGraph } from './flow-graph.ts'

export const DEFAULT_TIMEOUT_MS = 5 * 60_000
const SINGLE_ATTEMPT: RetryPolicy = { maxAttempts: 1, backoffMs: 0 }

/** An edge between two nodes of the same group, by index into the group's edge-state array. */
export interface EdgeRef {
  readonly index: number
  readonly sourcePort: string
  readonly targetPort: string
  /** The target's local index in the group. */
  readonly target: number
  /** Whether the target port collects every value (`multiple`) instead of the first. */
  readonly multiple: boolean
}

/** Everything about one node that does not change between its executions, worked out once per run. */
export interface NodePlan {
  readonly id: string
  readonly node: FlowNode
  readonly def: AnyNodeDefinition
  /** Index within its group. */
  readonly local: number
  /** Position in the flow's topological order: ready nodes start in this order. */
  readonly rank: number
  /** Starts without any incoming value: the trigger, or, in a group without one, a node with no incoming edge. */
  readonly entry: boolean
  readonly trigger: boolean
  readonly incoming: readonly EdgeRef[]
  readonly outgoing: readonly EdgeRef[]
  /** The non-error output ports, when they do not depend on config. */
  readonly staticPorts: readonly string[] | null
  /** False when no string in the config contains template markup: rendering would be the identity. */
  readonly templated: boolean
  readonly timeoutMs: number
  readonly retry: RetryPolicy
  readonly onError: OnError
  /** For an iterating node: the group it runs once per item. */
  readonly body: GroupPlan | null
}

/** The nodes executed together with dataflow semantics: the top level, or one for-each body. */
export interface GroupPlan {
  readonly nodes: readonly NodePlan[]
  readonly edgeCount: number
  /** Nodes with no outgoing edge in the group, whose outputs make the group's result. */
  readonly sinks: readonly NodePlan[]
}

/** Thrown while planning when the flow cannot run at all; `runFlow` turns it into a failed run. */
export class PlanError extends ZhiliuError {}

/** A node placed in its group, before the group's plan is built. */
interface Slot {
  readonly node: FlowNode
  readonly def: AnyNodeDefinition
  /** The enclosing loop's id, or '' at the top level (no node id is empty). */
  readonly group: string
  readonly local: number
  readonly rank: number
  readonly incoming: EdgeRef[]
  readonly outgoing: EdgeRef[]
}

/** Works out, once per run, everything about the flow's nodes that does not change while it runs. */
export function compilePlan(graph: FlowGraph, registry: NodeRegistry): GroupPlan {
  const order = graph.order
  if (!order) throw new PlanError('FLOW_INVALID', `the flow has a cycle: ${graph.cycle?.join(' → ')}`)
  // Walking the topological order puts every group's members in rank order without sorting.
  const slots = new Map<string, Slot>()
  const groups = new Map<string, Slot[]>()
  order.forEach((id, rank) => {
    const node = graph.nodes.get(id) as FlowNode
    const group = node.parentId ?? ''
    let members = groups.get(group)
    if (!members) {
      members = []
      groups.set(group, members)
    }
    const slot = {
      node,
      def: lookup(node, registry),
      group,
      local: members.length,
      rank,
      incoming: [],
      outgoing: [],
    }
    members.push(slot)
    slots.set(id, slot)
  })
  const edgeCounts = new Map<string, number>()
  for (const edge of graph.flow.edges) {
    const source = slots.get(edge.source)
    const target = slots.get(edge.target)
    // Edges crossing a group boundary (into or out of a loop body) belong to neither group's dataflow; a trigger
    // starts the run and waits for nothing.
    if (!source || !target || source.group !== target.group || isTrigger(target.def)) continue
    const index = edgeCounts.get(source.group) ?? 0
    edgeCounts.set(source.group, index + 1)
    const multiple = multiplePorts(target.def).has(edge.targetPort)
    const ref = {
      index,
      sourcePort: edge.sourcePort,
      targetPort: edge.targetPort,
      target: target.local,
      multiple,
    }
    source.outgoing.push(ref)
    target.incoming.push(ref)
  }

  const build = (group: string): GroupPlan => {
    const members = groups.get(group) ?? []
    groups.delete(group)
    const triggers = members.filter((slot) => isTrigger(slot.def))
    if (triggers.length > 1) {
      const names = triggers.map((slot) => `"${slot.node.id}"`).join(', ')
      throw new PlanError('FLOW_INVALID', `a flow has exactly one trigger; found ${names}`)
    }
    const nodes = members.map(
      ({ node, def, local, rank, incoming, outgoing }): NodePlan => ({
        id: node.id,
        node,
        def,
        local,
        rank,
        entry: triggers.length > 0 ? triggers[0]?.node === node : incoming.length === 0,
        trigger: isTrigger(def),
        incoming,
        outgoing,
        staticPorts: staticPorts(def),
        templated: hasMarkup(node.config),
        timeoutMs: node.settings.timeoutMs ?? def.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        retry: node.settings.retry ?? def.retry ?? SINGLE_ATTEMPT,
        onError: node.settings.onError,
        body: def.iterates === true ? build(node.id) : null,
      }),
    )
    const sinks = nodes.filter((n) => n.outgoing.length === 0)
    return { nodes, edgeCount: edgeCounts.get(group) ?? 0, sinks }
  }

  const top = build('')
  // Whatever is left sits inside a node that is not a loop (or does not exist): nothing would ever run it.
  for (const [parentId, members] of groups) {
    const stray = (members[0] as Slot).node.id
    throw new PlanError('FLOW_INVALID', `node "${stray}" is inside "${parentId}", which is not a loop`, {
      nodeId: stray,
    })
  }
  return top
}

function lookup(node: FlowNode, registry: NodeRegistry): AnyNodeDefinition {
  const def = registry.get(node.type, node.version)
  if (def) return def
  throw new PlanError(
    'UNKNOWN_NODE_TYPE',
    `node "${node.id}" has an unknown type ${node.type}@${node.version}`,
    {
      nodeId: node.id,
    },
  )
}

export function nonErrorPorts(ports: readonly { name: string }[]): string[] {
  return ports.filter((p) => p.name !== ERROR_PORT).map((p) => p.name)
}

// Definitions are long-lived module constants, so what is derived from them alone is worked out once, not per run.
const staticPortsByDef = new WeakMap<AnyNodeDefinition, readonly string[] | null>()
const multiplePortsByDef = new WeakMap<AnyNodeDefinition, ReadonlySet<string>>()

function staticPorts(def: AnyNodeDefinition): readonly string[] | null {
  let ports = staticPortsByDef.get(def)
  if (ports === undefined) {
    ports = Array.isArray(def.outputs) ? nonErrorPorts(def.outputs) : null
    staticPortsByDef.set(def, ports)
  }
  return ports
}

function multiplePorts(def: AnyNodeDefinition): ReadonlySet<string> {
  let ports = multiplePortsByDef.get(def)
  if (!ports) {
    ports = new Set(def.inputs.filter((p) => p.multiple === true).map((p) => p.name))
    multiplePortsByDef.set(def, ports)
  }
  return ports
}

function hasMarkup(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%')
  if (Array.isArray(value)) return value.some(hasMarkup)
  if (typeof value === 'object' && value !== null) return Object.values(value).some(hasMarkup)
  return false
}
