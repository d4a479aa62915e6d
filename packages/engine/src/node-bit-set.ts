/**
 * A read-only set of node ids stored as one bit per node of a flow. `FlowGraph.upstream` answers with these so that
 * every node's ancestors cost n/8 bytes instead of a hash set: for a 5,000-node chain that is 3 MB rather than the
 * 800 MB that 12.5 million set entries take. Iteration follows document order.
 */
export class NodeBitSet implements ReadonlySet<string> {
  readonly #bits: Uint32Array
  readonly #ids: readonly string[]
  readonly #position: ReadonlyMap<string, number>

  constructor(bits: Uint32Array, ids: readonly string[], position: ReadonlyMap<string, number>) {
    this.#bits = bits
    this.#ids = ids
    this.#position = position
  }

  has(id: string): boolean {
    const at = this.#position.get(id)
    return at !== undefined && ((this.#bits[at >>> 5] as number) & (1 << (at & 31))) !== 0
  }

  get size(): number {
    let count = 0
    for (const word of this.#bits) {
      let w = word
      while (w !== 0) {
        w &= w - 1
        count++
      }
    }
    return count
  }

  *values(): SetIterator<string> {
    for (let at = 0; at < this.#ids.length; at++) {
      if (((this.#bits[at >>> 5] as number) & (1 << (at & 31))) !== 0) yield this.#ids[at] as string
    }
  }

  keys(): SetIterator<string> {
    return this.values()
  }

  *entries(): SetIterator<[string, string]> {
    for (const id of this.values()) yield [id, id]
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values()
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const id of this.values()) callback.call(thisArg, id, id, this)
  }
}
