import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react'
import type { CatalogueEntry, Flow } from '@zhiliu/nodes'
import { create } from 'zustand'
import { type Clip, copySelection, pasteClip } from './clipboard.ts'
import { connectionProblem } from './connection-rules.ts'
import { type CanvasEdge, type CanvasNode, type FlowMeta, type NodeData, toCanvas } from './flow-mapping.ts'
import { pasteOffset } from './free-spot.ts'
import type { Hint } from './hint.ts'
import { emptyHistory, type History, record, redo, undo } from './history.ts'
import { newEdgeId, newNodeId } from './new-ids.ts'

export interface EditorState {
  flowId: string | undefined
  meta: FlowMeta
  nodes: CanvasNode[]
  edges: CanvasEdge[]
  history: History
  clip: Clip | undefined
  /** The latest message for the person (a refused connection, a paste); shown briefly near the canvas. */
  hint: (Hint & { at: number }) | undefined

  load(flowId: string, flow: Flow): void
  onNodesChange(changes: NodeChange<CanvasNode>[]): void
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void
  onConnect(connection: Connection): void
  /** Called when a drag starts, so the whole move is one undo step. */
  beginMove(): void
  /** Adds a node with the entry's default config, selected; inside a loop's body when `parentId` is given. */
  addNode(entry: CatalogueEntry, position: XYPosition, parentId?: string): string
  updateConfig(id: string, config: Record<string, unknown>, field?: string): void
  updateNode(id: string, patch: Partial<Pick<NodeData, 'name' | 'settings'>>): void
  renameFlow(name: string): void
  /** Changes the flow's settings (run history, …): saved with the draft, in force from the next publish. */
  setFlowSettings(patch: Partial<Flow['settings']>): void
  removeNode(id: string): void
  /** Moves a node into a loop's body (positions relative to the loop) or back out to the top level. */
  setParent(id: string, parentId: string | undefined, position: XYPosition): void
  setPositions(positions: ReadonlyMap<string, XYPosition>): void
  undo(): void
  redo(): void
  copy(): void
  paste(): void
  showHint(hint: Hint): void
}

const initialMeta: FlowMeta = { schemaVersion: 1, name: '', settings: { concurrency: 8 } }

export const useEditor = create<EditorState>()((set, get) => {
  /** Applies an edit and records the state before it as one undo step. */
  const edit = (patch: Partial<Pick<EditorState, 'nodes' | 'edges' | 'meta'>>, key?: string) => {
    const { nodes, edges, history } = get()
    set({ ...patch, history: record(history, { nodes, edges }, key) })
  }
  const mapNode = (id: string, fn: (n: CanvasNode) => CanvasNode) =>
    get().nodes.map((n) => (n.id === id ? fn(n) : n))

  return {
    flowId: undefined,
    meta: initialMeta,
    nodes: [],
    edges: [],
    history: emptyHistory,
    clip: undefined,
    hint: undefined,

    load(flowId, flow) {
      const { meta, nodes, edges } = toCanvas(flow)
      set({ flowId, meta, nodes, edges, history: emptyHistory, hint: undefined })
    },

    onNodesChange(changes) {
      const removes = changes.some((c) => c.type === 'remove')
      const next = applyNodeChanges(changes, get().nodes)
      if (removes) edit({ nodes: next }, 'remove')
      else set({ nodes: next })
    },

    onEdgesChange(changes) {
      const removes = changes.some((c) => c.type === 'remove')
      const next = applyEdgeChanges(changes, get().edges)
      if (removes) edit({ edges: next }, 'remove')
      else set({ edges: next })
    },

    onConnect(connection) {
      const { meta, nodes, edges } = get()
      const candidate: CanvasEdge = {
        id: newEdgeId(),
        type: 'flow',
        source: connection.source,
        target: connection.target,
        sourceHandle: connection.sourceHandle ?? 'out',
        targetHandle: connection.targetHandle ?? 'in',
      }
      const refused = connectionProblem(meta, nodes, edges, candidate)
      if (refused) {
        get().showHint(refused)
        return
      }
      edit({ edges: addEdge(candidate, edges) })
    },

    beginMove() {
      const { nodes, edges, history } = get()
      set({ history: record(history, { nodes, edges }) })
    },

    addNode(entry, position, parentId) {
      const { nodes } = get()
      const id = newNodeId(entry.type, new Set(nodes.map((n) => n.id)))
      const node: CanvasNode = {
        id,
        type: 'flow',
        position,
        ...(parentId ? { parentId } : {}),
        selected: true,
        data: {
          type: entry.type,
          version: entry.version,
          name: '',
          config: structuredClone(entry.defaultConfig),
          settings: { onError: 'fail' },
        },
      }
      edit({ nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] })
      return id
    },

    updateConfig(id, config, field) {
      edit(
        { nodes: mapNode(id, (n) => ({ ...n, data: { ...n.data, config } })) },
        `config:${id}:${field ?? ''}`,
      )
    },

    updateNode(id, patch) {
      edit(
        { nodes: mapNode(id, (n) => ({ ...n, data: { ...n.data, ...patch } })) },
        `node:${id}:${Object.keys(patch)}`,
      )
    },

    renameFlow(name) {
      edit({ meta: { ...get().meta, name } }, 'flow-name')
    },

    setFlowSettings(patch) {
      const { meta } = get()
      edit({ meta: { ...meta, settings: { ...meta.settings, ...patch } } })
    },

    removeNode(id) {
      const { nodes, edges } = get()
      const gone = new Set([id, ...nodes.filter((n) => n.parentId === id).map((n) => n.id)])
      edit({
        nodes: nodes.filter((n) => !gone.has(n.id)),
        edges: edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
      })
    },

    setParent(id, parentId, position) {
      const { nodes, edges } = get()
      const node = nodes.find((n) => n.id === id)
      if (!node || node.parentId === parentId) return
      const { parentId: _old, extent: _extent, ...rest } = node
      const moved: CanvasNode = parentId ? { ...rest, parentId, position } : { ...rest, position }
      // React Flow draws a parent before its children: keep the loop ahead of its body in the list.
      const others = nodes.filter((n) => n.id !== id)
      const at = parentId ? others.findIndex((n) => n.id === parentId) + 1 : others.length
      const next = [...others.slice(0, at), moved, ...others.slice(at)]
      // Its connections now cross the loop's border, which the engine refuses; they go with the move.
      const kept = edges.filter((e) => e.source !== id && e.target !== id)
      edit({ nodes: next, edges: kept })
      if (kept.length < edges.length) get().showHint({ key: parentId ? 'canvas.movedIn' : 'canvas.movedOut' })
    },

    setPositions(positions) {
      edit({
        nodes: get().nodes.map((n) => {
          const p = positions.get(n.id)
          return p ? { ...n, position: p } : n
        }),
      })
    },

    undo() {
      const { nodes, edges, history } = get()
      const result = undo(history, { nodes, edges })
      if (result.snapshot) set({ ...result.snapshot, history: result.history })
    },

    redo() {
      const { nodes, edges, history } = get()
      const result = redo(history, { nodes, edges })
      if (result.snapshot) set({ ...result.snapshot, history: result.history })
    },

    copy() {
      const clip = copySelection(get().nodes, get().edges)
      if (!clip) return
      set({ clip })
      get().showHint({ key: 'canvas.copied', values: { count: clip.nodes.length } })
    },

    paste() {
      const { clip, nodes, edges } = get()
      if (!clip) return
      const pasted = pasteClip(clip, new Set(nodes.map((n) => n.id)), pasteOffset(clip.nodes, nodes))
      edit({
        nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted.nodes],
        edges: [...edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...pasted.edges],
      })
      // Pasting again starts from the last copies, so repeated pastes fan out instead of stacking.
      set({ clip: { nodes: pasted.nodes.map((n) => ({ ...n, selected: false })), edges: pasted.edges } })
    },

    showHint(hint) {
      set({ hint: { ...hint, at: Date.now() } })
    },
  }
})

/** The node the config panel edits: the only selected one, if exactly one is selected. */
export function selectSingleSelectedId(s: EditorState): string | undefined {
  let found: string | undefined
  for (const n of s.nodes) {
    if (!n.selected) continue
    if (found) return undefined
    found = n.id
  }
  return found
}
