import type { AnyNodeDefinition } from './define-node.ts'

/** Looks definitions up by `type@version`; old versions stay so that flows saved with them keep running. */
export interface NodeRegistry {
  get(type: string, version: number): AnyNodeDefinition | undefined
  /** The highest version of a type: what the palette offers for new nodes. */
  latest(type: string): AnyNodeDefinition | undefined
  /** Every definition, in the order given. */
  readonly all: readonly AnyNodeDefinition[]
}

export function createRegistry(defs: readonly AnyNodeDefinition[]): NodeRegistry {
  const byKey = new Map<string, AnyNodeDefinition>()
  const latest = new Map<string, AnyNodeDefinition>()
  for (const def of defs) {
    const key = `${def.type}@${def.version}`
    // Two definitions under one key would make a saved flow's meaning depend on list order.
    if (byKey.has(key)) throw new Error(`Node type ${key} is defined twice`)
    byKey.set(key, def)
    const current = latest.get(def.type)
    if (!current || def.version > current.version) latest.set(def.type, def)
  }
  const all = Object.freeze([...defs])
  return {
    get: (type, version) => byKey.get(`${type}@${version}`),
    latest: (type) => latest.get(type),
    all,
  }
}
