import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react'
import { memo } from 'react'
import type { CanvasEdge } from '../editor/flow-mapping.ts'
import { edgeFlow, useRun } from '../run/run-store.ts'

/** A curve ending in an arrowhead that animates while data travels along it in a run and stays highlighted along the path taken. */
function FlowEdgeViewInner(props: EdgeProps<CanvasEdge>) {
  const { source, target, sourceHandleId, selected } = props
  const flow = useRun((s) => edgeFlow(s, source, sourceHandleId ?? 'out', target))
  const [path] = getBezierPath(props)
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
