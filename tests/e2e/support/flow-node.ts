/** A node of a flow document to import, laid out on one row at `x`. */
export const node = (id: string, type: string, x: number, config: Record<string, unknown> = {}) => ({
  id,
  type,
  version: 1,
  name: '',
  position: { x, y: 0 },
  config,
})
