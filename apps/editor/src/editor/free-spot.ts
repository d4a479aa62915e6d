import type { XYPosition } from '@xyflow/react'
import type { CanvasNode } from './flow-mapping.ts'

const SIZE = { width: 230, height: 90 }
const GAP = 24

/**
 * Where a clicked-in node can go near `wanted` without covering another: downwards first, then a column to the
 * right. Keeps click-to-add from stacking new nodes on top of each other in the middle of the screen.
 */
export function freeSpot(wanted: XYPosition, nodes: readonly CanvasNode[]): XYPosition {
  const boxes = nodes
    .filter((n) => !n.parentId)
    .map((n) => ({
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? SIZE.width,
      height: n.measured?.height ?? SIZE.height,
    }))
  const overlaps = (p: XYPosition) =>
    boxes.some(
      (b) =>
        p.x < b.x + b.width + GAP &&
        p.x + SIZE.width + GAP > b.x &&
        p.y < b.y + b.height + GAP &&
        p.y + SIZE.height + GAP > b.y,
    )
  for (let column = 0; column < 8; column++) {
    for (let row = 0; row < 6; row++) {
      const p = { x: wanted.x + column * (SIZE.width + GAP * 2), y: wanted.y + row * (SIZE.height + GAP) }
      if (!overlaps(p)) return p
    }
  }
  return wanted
}
