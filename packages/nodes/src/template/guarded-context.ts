import { Context, type Drop, type Scope, toValue } from 'liquidjs'

/** Names no template may read, on data or on Liquid's own objects (drops skip the own-property rule). */
const hiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * A Liquid context that never reads the keys leading to prototypes and constructors. `ownPropertyOnly` already hides
 * inherited ones on data, but not on drops (`{{ forloop.constructor }}`), and not own `__proto__` keys from JSON.
 */
export class GuardedContext extends Context {
  override readProperty(obj: Scope, key: string | number | Drop): unknown {
    const name = toValue(key)
    if (typeof name === 'string' && hiddenKeys.has(name)) return undefined
    return super.readProperty(obj, key)
  }

  // Filters such as `where` evaluate in a spawned context; it must be guarded too and share this render's budgets.
  override spawn(scope: object = {}): Context {
    const { sync, globals, strictVariables, ownPropertyOnly, renderLimit, memoryLimit, liquid } = this
    return new GuardedContext(
      scope,
      this.opts,
      { sync, globals, strictVariables, ownPropertyOnly },
      { renderLimit, memoryLimit, liquid },
    )
  }
}
