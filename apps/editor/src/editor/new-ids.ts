/**
 * A readable node id for a new node of `type`: templates refer to it (`{{ nodes.template_1.text }}`), so it is
 * short, stable and an identifier, never a random string.
 */
export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const last = type.split('.').pop() ?? 'node'
  const base = last.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1') || 'node'
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`
    if (!taken.has(id)) return id
  }
}

let edgeCounter = 0

/** Edge ids only need to be unique within the flow; nobody types them. */
export function newEdgeId(): string {
  edgeCounter += 1
  return `e${Date.now().toString(36)}${edgeCounter.toString(36)}${Math.random().toString(36).slice(2, 6)}`
}
