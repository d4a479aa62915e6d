import { BaseEdge, type EdgeProps, getBezierPath } from '@xyflow/react'
import { memo } from 'react'
import type { CanvasEdge } from '../editor/flow-mapping.ts'
import { edgeFlow, useRun } from '../run/run-store.ts'

/** A plain curve that animates while data travels along it in a run and stays highlighted along the path taken. */
function FlowEdgeViewInner(props: EdgeProps<CanvasEdge>) {
  const { source, target, sourceHandleId, selected } = props
  const flow = useRun((s) => edgeFlow(s, source, sourceHandleId ?? 'out', target))
  const [path] = getBezierPath(props)
  const classes = ['fedge', `fedge--${flow}`, selected ? 'fedge--selected' : ''].join(' ')
  return <BaseEdge id={props.id} path={path} className={classes} interactionWidth={24} />
}

export const FlowEdgeView = memo(FlowEdgeViewInner)
