import { createTestDatabase } from '@zhiliu/test-postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { describeFileStore } from '../file-store-contract.ts'
import { createPgStore } from './create-pg-store.ts'

// One throw-away database for this file; the contract's names and keys are random, so its tests share the table.
const database = await createTestDatabase()
const stores: { close(): Promise<void> }[] = []
const open = async () => {
  const store = await createPgStore({ url: database.url, maxConnections: 2 })
  stores.push(store)
  return store
}
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()))
  await database.drop()
})

describeFileStore('postgres', async () => (await open()).files)

describe('postgres file store', () => {
  it('serves from one process what another stored, and two processes storing one key at once store it once', async () => {
    const [a, b] = await Promise.all([open(), open()])
    const bytes = new Uint8Array(3 * 1024 * 1024).fill(7)
    const names = ['a', 'b'].map((p) => `${p.repeat(32)}.png`)
    const puts = await Promise.all(
      [a, b].map((store, i) =>
        store.files.put({ name: names[i] ?? '', key: 'raced:draw#0', contentType: 'image/png', bytes }),
      ),
    )
    expect(puts.map((p) => p.duplicate).sort()).toEqual([false, true])
    const winner = puts.find((p) => !p.duplicate)?.name ?? ''
    expect(puts.every((p) => p.name === winner)).toBe(true)
    const reader = winner === names[0] ? b : a
    const read = await reader.files.get(winner)
    expect(read?.size).toBe(bytes.length)
    expect(Buffer.from(read?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true)
    expect(await reader.files.get(names[winner === names[0] ? 1 : 0] ?? '')).toBeUndefined()
  })
})
