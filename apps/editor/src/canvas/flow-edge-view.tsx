import { BaseEdge, type EdgeProps, getBezierPath, getSmoothStepPath, useInternalNode } from '@xyflow/react'
import { memo } from 'react'
import type { CanvasEdge } from '../editor/flow-mapping.ts'
import { edgeFlow, useRun } from '../run/run-store.ts'

/** A curve ending in an arrowhead that animates while data travels along it in a run and stays highlighted along the path taken. */
function FlowEdgeViewInner(props: EdgeProps<CanvasEdge>) {
  const { source, target, sourceHandleId, selected } = props
  const flow = useRun((s) => edgeFlow(s, source, sourceHandleId ?? 'out', target))
  const targetTop = useInternalNode(target)?.internals.positionAbsolute.y
  const [path] = props.targetX < props.sourceX ? wrappedPath(props, targetTop) : getBezierPath(props)
  const classes = ['fedge', `fedge--${flow}`, selected ? 'fedge--selected' : ''].join(' ')
  return (
    <BaseEdge
      id={props.id}
      path={path}
      className={classes}
      interactionWidth={24}
      markerEnd={`url(#${ARROW_ID})`}
    />
  )
}

const ARROW_ID = 'fedge-arrow'

/**
 * A connection back to the left, as where a long chain wraps onto its next row (templates, 自动排列): a curve would
 * cut through the nodes of the row it leaves, so it goes out right, along the gap just above the target's row, and
 * in from the left, like a line of text wrapping.
 */
function wrappedPath(props: EdgeProps<CanvasEdge>, targetTop: number | undefined) {
  const { sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition } = props
  return getSmoothStepPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
    borderRadius: 12,
    ...(targetTop !== undefined && targetTop > sourceY ? { centerY: targetTop - 36 } : {}),
  })
}

/** The arrowhead every connection ends in, so the direction data flows is visible; drawn once per canvas. */
export function EdgeArrowMarker() {
  return (
    <svg className="fedge-marker" aria-hidden="true">
      <defs>
        <marker
          id={ARROW_ID}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
    </svg>
  )
}

export const FlowEdgeView = memo(FlowEdgeViewInner)
