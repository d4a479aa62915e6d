import type { FitViewOptions, Rect } from '@xyflow/react'

/**
 * Room kept free around the nodes when the canvas fits them: the palette button (top left), the zoom buttons
 * (bottom left) and the mini map (150×100, bottom right) sit over the canvas, so a fitted flow never lies under
 * them. The floor of 0.35 still lets a flow of seven steps in one row show whole on a 1024-pixel projector, if barely
 * legibly; templates and 自动排列 wrap a chain after four steps (layout-flow.ts), which fits at about 0.63 there.
 */
export const FIT_VIEW: FitViewOptions = {
  padding: { top: '56px', right: '48px', bottom: '132px', left: '64px' },
  maxZoom: 1.2,
  minZoom: 0.35,
}

/** Where the mini map covers the canvas, in pixels from the canvas's bottom right corner. */
export const MINIMAP_AREA = { width: 150 + 15, height: 100 + 15 }

/**
 * Whether the nodes, as the screen shows them (`shown`), lie outside the canvas (`view`) or under the mini map, so
 * a change of size (a window resized, a projector plugged in, a panel opened) must fit them in again.
 */
export function needsRefit(shown: Rect, view: { width: number; height: number }): boolean {
  const outside =
    shown.x < 0 || shown.y < 0 || shown.x + shown.width > view.width || shown.y + shown.height > view.height
  const underMinimap =
    shown.x + shown.width > view.width - MINIMAP_AREA.width &&
    shown.y + shown.height > view.height - MINIMAP_AREA.height
  return outside || underMinimap
}
