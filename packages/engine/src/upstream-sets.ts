import type { FlowEdge, FlowNode } from '@zhiliu/nodes'
import { NodeBitSet } from './node-bit-set.ts'

const none: readonly never[] = []

/**
 * Ancestor sets as bit vectors, computed on first use and kept: one OR of n/32 words per edge, where hash sets
 * copied down a long chain cost quadratic time and memory. Iterative, so a 5,000-node chain cannot overflow the
 * stack. Inside a cycle a node sees a partial set (whatever was finished when the cycle closed); never loops.
 */
export function createUpstream(
  nodes: ReadonlyMap<string, FlowNode>,
  incoming: ReadonlyMap<string, readonly FlowEdge[]>,
): (id: string) => ReadonlySet<string> {
  const ids = [...nodes.keys()]
  const position = new Map(ids.map((id, i) => [id, i]))
  const words = Math.ceil(ids.length / 32)
  const bits = new Map<string, Uint32Array>()
  const views = new Map<string, NodeBitSet>()
  const parentOf = (id: string) => {
    const parent = nodes.get(id)?.parentId
    return parent !== undefined && nodes.has(parent) ? parent : undefined
  }
  const dependencies = (id: string) => {
    const sources = (incoming.get(id) ?? none).map((e) => e.source)
    const parent = parentOf(id)
    return parent === undefined ? sources : [...sources, parent]
  }
  const compute = (root: string) => {
    const started = new Set<string>([root])
    const stack: Array<{ id: string; deps: string[]; next: number }> = [
      { id: root, deps: dependencies(root), next: 0 },
    ]
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; deps: string[]; next: number }
      if (frame.next < frame.deps.length) {
        const dep = frame.deps[frame.next++] as string
        if (!bits.has(dep) && !started.has(dep)) {
          started.add(dep)
          stack.push({ id: dep, deps: dependencies(dep), next: 0 })
        }
        continue
      }
      stack.pop()
      const own = new Uint32Array(words)
      for (const edge of incoming.get(frame.id) ?? none) {
        const at = position.get(edge.source) as number
        own[at >>> 5] = (own[at >>> 5] as number) | (1 << (at & 31))
        orInto(own, bits.get(edge.source))
      }
      // The enclosing for-each's own output exists only after the loop, so only what is upstream of it counts.
      const parent = parentOf(frame.id)
      if (parent !== undefined) orInto(own, bits.get(parent))
      bits.set(frame.id, own)
    }
  }
  return (id) => {
    let view = views.get(id)
    if (!view) {
      if (!nodes.has(id)) return new Set<string>()
      if (!bits.has(id)) compute(id)
      view = new NodeBitSet(bits.get(id) as Uint32Array, ids, position)
      views.set(id, view)
    }
    return view
  }
}

function orInto(target: Uint32Array, source: Uint32Array | undefined): void {
  if (!source) return
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) | (source[i] as number)
}
