import type { XYPosition } from '@xyflow/react'
import type { CanvasNode } from './flow-mapping.ts'

export interface Size {
  width: number
  height: number
}

/** A node's size before React Flow has measured it. */
export const NODE_SIZE: Size = { width: 230, height: 90 }
const GAP = 24

interface Box extends XYPosition, Size {}

const boxOf = (n: CanvasNode): Box => ({
  x: n.position.x,
  y: n.position.y,
  width: n.measured?.width ?? NODE_SIZE.width,
  height: n.measured?.height ?? NODE_SIZE.height,
})

/** Whether two boxes touch or come closer than `gap`. */
export function tooClose(a: Box, b: Box, gap: number): boolean {
  return (
    a.x < b.x + b.width + gap &&
    a.x + a.width + gap > b.x &&
    a.y < b.y + b.height + gap &&
    a.y + a.height + gap > b.y
  )
}

/**
 * Where something of `size` can go near `wanted` without covering a node: downwards first, then a column to the
 * right. Keeps clicked-in, dropped and pasted nodes from landing on top of others.
 */
export function freeSpot(
  wanted: XYPosition,
  nodes: readonly CanvasNode[],
  size: Size = NODE_SIZE,
): XYPosition {
  const boxes = nodes.filter((n) => !n.parentId).map(boxOf)
  const overlaps = (p: XYPosition) => boxes.some((b) => tooClose({ ...p, ...size }, b, GAP))
  for (let column = 0; column < 8; column++) {
    for (let row = 0; row < 6; row++) {
      const p = { x: wanted.x + column * (size.width + GAP * 2), y: wanted.y + row * (size.height + GAP) }
      if (!overlaps(p)) return p
    }
  }
  return wanted
}

/**
 * How far to shift pasted nodes so that, together, they land clear of every node on the canvas (the copied ones
 * included): the nearest free place, a little below and right of the originals.
 */
export function pasteOffset(pasted: readonly CanvasNode[], nodes: readonly CanvasNode[]): XYPosition {
  const boxes = pasted.filter((n) => !n.parentId).map(boxOf)
  if (boxes.length === 0) return { x: 40, y: 40 }
  const left = Math.min(...boxes.map((b) => b.x))
  const top = Math.min(...boxes.map((b) => b.y))
  const size = {
    width: Math.max(...boxes.map((b) => b.x + b.width)) - left,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - top,
  }
  const spot = freeSpot({ x: left + 40, y: top + 40 }, nodes, size)
  return { x: spot.x - left, y: spot.y - top }
}
