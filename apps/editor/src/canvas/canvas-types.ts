import type { EdgeTypes, NodeTypes } from '@xyflow/react'
import { FlowEdgeView } from './flow-edge-view.tsx'
import { FlowNodeView } from './flow-node-view.tsx'

// Module scope: React Flow re-mounts every node when these objects change identity.
export const nodeTypes: NodeTypes = { flow: FlowNodeView }
export const edgeTypes: EdgeTypes = { flow: FlowEdgeView }
