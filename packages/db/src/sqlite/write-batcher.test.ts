import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createWriteBatcher } from './write-batcher.ts'

function table() {
  const client = new Database(':memory:')
  client.exec('create table t (id integer primary key, v text not null)')
  return client
}

describe('group commit', () => {
  it('commits writes queued in one turn together and settles each after the commit', async () => {
    const client = table()
    const batcher = createWriteBatcher(client)
    const insert = client.prepare('insert into t (id, v) values (?, ?)')
    const writes = [1, 2, 3].map((id) => batcher.write(() => insert.run(id, `v${id}`)))
    // Nothing is written before the batch runs: the writes are queued, not applied one by one.
    expect(client.prepare('select count(*) as n from t').get()).toEqual({ n: 0 })
    await Promise.all(writes)
    expect(client.prepare('select count(*) as n from t').get()).toEqual({ n: 3 })
  })

  it('rolls back and rejects only the write that failed', async () => {
    const client = table()
    const batcher = createWriteBatcher(client)
    const insert = client.prepare('insert into t (id, v) values (?, ?)')
    const results = await Promise.allSettled([
      batcher.write(() => insert.run(1, 'a')),
      batcher.write(() => {
        insert.run(2, 'b')
        insert.run(1, 'duplicate')
      }),
      batcher.write(() => insert.run(3, 'c')),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(client.prepare('select id from t order by id').all()).toEqual([{ id: 1 }, { id: 3 }])
  })

  it('writes what is pending when flushed before closing', () => {
    const client = table()
    const batcher = createWriteBatcher(client)
    void batcher.write(() => client.prepare('insert into t (id, v) values (1, ?)').run('x'))
    batcher.flush()
    expect(client.prepare('select v from t').get()).toEqual({ v: 'x' })
  })
})
