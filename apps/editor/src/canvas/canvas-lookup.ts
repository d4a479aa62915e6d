import { lookupOf, type NodeLookup } from '../config/variable-labels.ts'
import type { CanvasNode } from '../editor/flow-mapping.ts'

// Every node card asks on every editor change (a drag included); one lookup per nodes array serves them all.
const lookups = new WeakMap<readonly CanvasNode[], NodeLookup>()
const configIds = new WeakMap<object, number>()
let nextConfigId = 0

export function canvasLookup(nodes: readonly CanvasNode[]): NodeLookup {
  let lookup = lookups.get(nodes)
  if (!lookup) {
    lookup = lookupOf(nodes.map((n) => ({ id: n.id, ...n.data })))
    lookups.set(nodes, lookup)
  }
  return lookup
}

/**
 * What a card's labels depend on, as a string that changes only when they may: the name and config of each node
 * the card refers to. A config is replaced, never changed in place, so its object stands for its content.
 */
export function referencedState(nodes: readonly CanvasNode[], ids: readonly string[]): string {
  const lookup = canvasLookup(nodes)
  return ids
    .map((id) => {
      const node = id === 'trigger' ? lookup.trigger() : lookup.byId(id)
      if (!node) return ''
      let configId = configIds.get(node.config)
      if (configId === undefined) {
        configId = nextConfigId++
        configIds.set(node.config, configId)
      }
      return `${node.name}\u0000${configId}`
    })
    .join('\u0001')
}
