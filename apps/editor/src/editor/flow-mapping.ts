import type { Edge, Node } from '@xyflow/react'
import { FLOW_SCHEMA_VERSION, type Flow, type FlowNode } from '@zhiliu/nodes'

/** The document node minus what React Flow already holds (id, position, parentId): nothing more, nothing less. */
export type NodeData = Pick<FlowNode, 'type' | 'version' | 'name' | 'config' | 'settings'>
export type CanvasNode = Node<NodeData, 'flow'>
export type CanvasEdge = Edge<Record<string, never>, 'flow'>

/** Flow-level fields besides the graph. */
export type FlowMeta = Omit<Flow, 'nodes' | 'edges'>

export function toCanvasNode(node: FlowNode): CanvasNode {
  const { id, position, parentId, type, version, name, config, settings } = node
  return {
    id,
    type: 'flow',
    position,
    ...(parentId ? { parentId } : {}),
    data: { type, version, name, config, settings },
  }
}

/**
 * Document → canvas, 1:1. React Flow wants a parent before its children; the document promises no order, so loop
 * bodies are moved after their loop.
 */
export function toCanvas(flow: Flow): { meta: FlowMeta; nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const { nodes, edges, ...meta } = flow
  const parents = nodes.filter((n) => !n.parentId)
  const children = nodes.filter((n) => n.parentId)
  return {
    meta,
    nodes: [...parents, ...children].map(toCanvasNode),
    edges: edges.map((e) => ({
      id: e.id,
      type: 'flow',
      source: e.source,
      sourceHandle: e.sourcePort,
      target: e.target,
      targetHandle: e.targetPort,
    })),
  }
}

/** Canvas → document, 1:1: what autosave writes, what runs execute and what export downloads. */
export function toDocument(meta: FlowMeta, nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Flow {
  return {
    ...meta,
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((n) => ({
      id: n.id,
      ...n.data,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      ...(n.parentId ? { parentId: n.parentId } : {}),
    })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourcePort: e.sourceHandle ?? 'out',
      target: e.target,
      targetPort: e.targetHandle ?? 'in',
    })),
  }
}

export function emptyFlow(name: string): Flow {
  return { schemaVersion: FLOW_SCHEMA_VERSION, name, nodes: [], edges: [], settings: { concurrency: 8 } }
}
