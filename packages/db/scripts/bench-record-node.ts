import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NodeResult } from '@zhiliu/engine'
import { createSqliteStore } from '../src/sqlite/create-sqlite-store.ts'

// recordNode sits on the engine's hot path (awaited before dependants start). This measures it the way the
// engine calls it: one awaited call per result, a new key each time, on a real file in WAL + synchronous=NORMAL.
const calls = Number(process.argv[2] ?? 10_000)
const dir = mkdtempSync(join(tmpdir(), 'zhiliu-bench-'))
const store = createSqliteStore({ file: join(dir, 'bench.db') })
const user = await store.createUser({ email: 'bench@example.com', passwordHash: 'h', role: 'owner' })
await store.createRunRecord({
  id: 'bench',
  ownerId: user.id,
  trigger: 'manual',
  event: { body: null },
  status: 'running',
  startedAt: 0,
})

// A typical result: rendered config and inputs in, a few hundred bytes out.
const result = (i: number): NodeResult => ({
  key: `loop[${i}].summarise`,
  nodeId: 'summarise',
  status: 'succeeded',
  ports: ['out'],
  input: {
    config: { model: 'qwen-plus', prompt: 'Summarise: {{ item }}' },
    inputs: { in: { text: 'x'.repeat(200) } },
  },
  output: { text: 'y'.repeat(300), usage: { inputTokens: 120, outputTokens: 80 } },
  attempts: 1,
  startedAt: i,
  finishedAt: i + 1,
})

for (let i = 0; i < 500; i++) await store.recordNode('bench', result(-1 - i))
const started = process.hrtime.bigint()
for (let i = 0; i < calls; i++) await store.recordNode('bench', result(i))
const micros = Number(process.hrtime.bigint() - started) / 1_000
const reloaded = (await store.loadNodeResults('bench')).length
store.close()
rmSync(dir, { recursive: true, force: true })
console.log(
  `recordNode: ${calls} calls in ${(micros / 1_000).toFixed(0)} ms = ${(micros / calls).toFixed(1)} µs/call ` +
    `(${reloaded} results stored, node ${process.version})`,
)
