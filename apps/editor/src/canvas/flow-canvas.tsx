import {
  Background,
  Controls,
  type FinalConnectionState,
  type IsValidConnection,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type XYPosition,
} from '@xyflow/react'
import { type DragEvent, useCallback, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCatalogue } from '../catalogue/catalogue-store.ts'
import { quickConnectionProblem } from '../editor/connection-rules.ts'
import { useEditor } from '../editor/editor-store.ts'
import type { CanvasEdge } from '../editor/flow-mapping.ts'
import { freeSpot } from '../editor/free-spot.ts'
import { CanvasHint } from './canvas-hint.tsx'
import { edgeTypes, nodeTypes } from './canvas-types.ts'
import { EdgeArrowMarker } from './flow-edge-view.tsx'
import { DRAG_TYPE } from './palette.tsx'
import { useCanvasShortcuts } from './use-canvas-shortcuts.ts'
import { useLoopDrop } from './use-loop-drop.ts'
import { useRefitOnResize } from './use-refit-on-resize.ts'
import { FIT_VIEW } from './view-fit.ts'

const isValidConnection: IsValidConnection<CanvasEdge> = (c) => {
  const { nodes, edges } = useEditor.getState()
  return !quickConnectionProblem(nodes, edges, {
    source: c.source,
    target: c.target,
    sourceHandle: c.sourceHandle ?? null,
    targetHandle: c.targetHandle ?? null,
  })
}

/** A wire dropped on a handle that refused it: say why, rather than let it silently snap back. */
function onConnectEnd(_: MouseEvent | TouchEvent, state: FinalConnectionState) {
  if (state.isValid !== false || !state.fromNode || !state.toNode) return
  const from = state.fromHandle?.type === 'source' ? state : undefined
  const { nodes, edges, showHint } = useEditor.getState()
  const source = from ? state.fromNode.id : state.toNode.id
  const target = from ? state.toNode.id : state.fromNode.id
  const problem = quickConnectionProblem(nodes, edges, {
    source,
    target,
    sourceHandle: (from ? state.fromHandle?.id : state.toHandle?.id) ?? null,
    targetHandle: (from ? state.toHandle?.id : state.fromHandle?.id) ?? null,
  })
  if (problem) showHint(problem)
}

/** The canvas: the editor store's nodes and edges, drawn by React Flow with the catalogue-derived node view. */
interface Props {
  readOnly?: boolean
  paletteOpen: boolean
  onTogglePalette(): void
  /** Where to draw the top-level nodes instead of their stored positions (the presenter view's own layout). */
  positions?: ReadonlyMap<string, XYPosition>
}

export function FlowCanvas({ readOnly = false, paletteOpen, onTogglePalette, positions }: Props) {
  const { t } = useTranslation()
  const stored = useEditor((s) => s.nodes)
  const nodes = useMemo(
    () =>
      positions
        ? stored.map((n) => {
            const position = positions.get(n.id)
            return position && !n.parentId ? { ...n, position } : n
          })
        : stored,
    [stored, positions],
  )
  const edges = useEditor((s) => s.edges)
  const onNodesChange = useEditor((s) => s.onNodesChange)
  const onEdgesChange = useEditor((s) => s.onEdgesChange)
  const onConnect = useEditor((s) => s.onConnect)
  const beginMove = useEditor((s) => s.beginMove)
  const flow = useReactFlow()
  // Fit only a flow that opens with nodes: on an empty canvas React Flow would otherwise zoom onto the first node
  // dropped, moving the canvas under the person's hand.
  const [fitOnOpen] = useState(() => nodes.length > 0)
  const { loopForDrop, onNodeDragStop } = useLoopDrop()
  useCanvasShortcuts(!readOnly)
  const canvasRef = useRef<HTMLDivElement>(null)
  const { onMoveStart } = useRefitOnResize(canvasRef, fitOnOpen)

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_TYPE)) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'move'
  }, [])

  const onDrop = useCallback(
    (e: DragEvent) => {
      const key = e.dataTransfer.getData(DRAG_TYPE)
      const entry = useCatalogue.getState().byKey.get(key)
      if (!entry) return
      e.preventDefault()
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })
      const corner = { x: at.x - 100, y: at.y - 30 }
      const loop = entry.category === 'trigger' || entry.iterates ? undefined : loopForDrop(at)
      if (loop) useEditor.getState().addNode(entry, loop.position, loop.parentId)
      // Never on top of a node already there: the nearest free place instead.
      else useEditor.getState().addNode(entry, freeSpot(corner, useEditor.getState().nodes))
    },
    [flow, loopForDrop],
  )

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only a drop target for palette drags; keyboard users add nodes with the palette buttons
    <div className="canvas" ref={canvasRef} onDragOver={onDragOver} onDrop={onDrop}>
      <EdgeArrowMarker />
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        onNodeDragStart={beginMove}
        onSelectionDragStart={beginMove}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={onMoveStart}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        multiSelectionKeyCode={['Control', 'Meta', 'Shift']}
        fitView={fitOnOpen}
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > 200}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel={t('canvas.minimap')} style={{ width: 150, height: 100 }} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {nodes.length === 0 && (
        <div className="canvas__empty" data-testid="canvas-empty">
          <p className="canvas__empty-title">{t('canvas.emptyTitle')}</p>
          <p>{t('canvas.emptyBody')}</p>
        </div>
      )}
      <button
        type="button"
        className="btn btn--small canvas__palette-toggle"
        onClick={onTogglePalette}
        aria-expanded={paletteOpen}
        data-testid="toggle-palette"
      >
        {t(paletteOpen ? 'canvas.hidePalette' : 'canvas.showPalette')}
      </button>
      <CanvasHint />
    </div>
  )
}
