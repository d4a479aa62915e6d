import type { ModelPriceRecord } from '@zhiliu/db'
import type { ModelPrices } from '@zhiliu/models'

/**
 * The prices runs are charged by: the built-in table with the ones an owner set on this server over it, model by
 * model. Held in memory (a run reads it for every model call); the routes write the store first and then here, and
 * the server loads the stored ones at start. A run takes the table as it is when it starts, and each node result
 * keeps the cost worked out at the time, so a later change never rewrites history.
 */
export interface PriceBook {
  readonly builtin: ModelPrices
  current(): ModelPrices
  /** The prices set on this server, by model name. */
  own(): ReadonlyMap<string, ModelPriceRecord>
  /** Replaces every own price (at start, with what the store holds). */
  load(records: readonly ModelPriceRecord[]): void
  set(record: ModelPriceRecord): void
  remove(model: string): void
}

export function createPriceBook(builtin: ModelPrices): PriceBook {
  const own = new Map<string, ModelPriceRecord>()
  let merged: ModelPrices | undefined
  const changed = () => {
    merged = undefined
  }
  return {
    builtin,
    current() {
      if (!merged) {
        // No prototype: a model named `constructor` or `__proto__` is just a key.
        merged = Object.assign(Object.create(null) as ModelPrices, builtin)
        for (const [model, { cny, usd }] of own) merged[model] = { cny, usd }
      }
      return merged
    },
    own: () => own,
    load(records) {
      own.clear()
      for (const record of records) own.set(record.model, record)
      changed()
    },
    set(record) {
      own.set(record.model, record)
      changed()
    },
    remove(model) {
      own.delete(model)
      changed()
    },
  }
}
