import type { XYPosition } from '@xyflow/react'
import type { CanvasNode } from './flow-mapping.ts'

/** Space around a loop's body inside its frame, and the room its own title and ports take at the top. */
const PAD = 24
const HEADER = 72
const MIN = { width: 420, height: 220 }
const CHILD = { width: 230, height: 90 }

/**
 * The size of a loop's frame: large enough for every node of its body (positions are relative to the loop, as in
 * React Flow's sub-flows), never smaller than an empty frame you can still drop into. A string, so a selector
 * returning it only re-renders the loop when the size really changes.
 */
export function frameSizeOf(nodes: readonly CanvasNode[], loopId: string): string {
  let width = MIN.width
  let height = MIN.height
  for (const n of nodes) {
    if (n.parentId !== loopId) continue
    width = Math.max(width, n.position.x + (n.measured?.width ?? CHILD.width) + PAD)
    height = Math.max(height, n.position.y + (n.measured?.height ?? CHILD.height) + PAD)
  }
  return `${Math.round(width)}x${Math.round(height)}`
}

export function parseFrameSize(size: string): { width: number; height: number } {
  const [width = MIN.width, height = MIN.height] = size.split('x').map(Number)
  return { width, height }
}

export interface LoopRect {
  id: string
  x: number
  y: number
  width: number
  height: number
}

/** The innermost loop frame containing `point` (flow coordinates), skipping `except` (the node being moved). */
export function loopAt(point: XYPosition, loops: readonly LoopRect[], except?: string): LoopRect | undefined {
  const hits = loops.filter(
    (l) =>
      l.id !== except &&
      point.x >= l.x &&
      point.x <= l.x + l.width &&
      point.y >= l.y + HEADER / 2 &&
      point.y <= l.y + l.height,
  )
  // The smallest frame is the innermost one when loops are nested.
  return hits.sort((a, b) => a.width * a.height - b.width * b.height)[0]
}

/** Where a node dropped into a loop starts: below the loop's title, never on top of it. */
export function bodyPosition(absolute: XYPosition, loop: LoopRect): XYPosition {
  return { x: Math.max(PAD, absolute.x - loop.x), y: Math.max(HEADER, absolute.y - loop.y) }
}
