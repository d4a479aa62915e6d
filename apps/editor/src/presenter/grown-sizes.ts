import type { Size } from '../canvas/layout-input.ts'

/** Less than this is a rounding of the same size, not a node that grew. */
const SAME = 1

/**
 * The largest size each node has shown at in presenter view, after the canvas measured `measured`; undefined when no
 * node grew and none came or went, so a layout made for the sizes `before` still keeps every node apart.
 *
 * Only growth counts: a node shrinks when the view zooms in on it (its title is sized against the zoom), and the
 * layout made for its larger size still holds, so following the running node never moves the others around.
 */
export function grownSizes(
  before: ReadonlyMap<string, Size>,
  measured: ReadonlyMap<string, Size>,
): Map<string, Size> | undefined {
  let changed = before.size !== measured.size
  const next = new Map<string, Size>()
  for (const [id, size] of measured) {
    const old = before.get(id)
    if (!old || size.width > old.width + SAME || size.height > old.height + SAME) changed = true
    next.set(id, {
      width: Math.max(size.width, old?.width ?? 0),
      height: Math.max(size.height, old?.height ?? 0),
    })
  }
  return changed ? next : undefined
}
