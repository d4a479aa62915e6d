/**
 * Engine overhead per node: a 100-node chain of `data.set` nodes and a 5-node JSONata transform flow, each run in
 * memory, with every node result recorded in a SQLite store (WAL, the server's default), and in memory with the
 * server's expression evaluator.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '@zhiliu/db'
import { type RunServices, type RunStore, runFlow, validateFlow } from '@zhiliu/engine'
import type { Flow, FlowInput } from '@zhiliu/nodes'
import { createExpressionPool } from '../apps/server/src/expressions/create-expression-pool.ts'
import { createPooledExpressions } from '../apps/server/src/expressions/create-pooled-expressions.ts'
import { measure } from './measure.ts'

function chainOfSets(length: number, templated: boolean): FlowInput {
  const nodes: FlowInput['nodes'] = [{ id: 'start', type: 'trigger.manual', version: 1 }]
  const edges: FlowInput['edges'] = []
  for (let i = 1; i <= length; i++) {
    const previous = i === 1 ? 'start' : `set${i - 1}`
    const value = templated
      ? i === 1
        ? '{{ trigger.body.n }}'
        : `{{ nodes.${previous}.n | plus: 1 }}`
      : `${i}`
    nodes.push({
      id: `set${i}`,
      type: 'data.set',
      version: 1,
      config: { fields: [{ name: 'n', value, type: 'number' }] },
    })
    edges.push({ id: `e${i}`, source: previous, target: `set${i}` })
  }
  return { schemaVersion: 1, name: 'chain', nodes, edges }
}

function transformFlow(): FlowInput {
  const expressions = [
    '$.body',
    '$merge([$, { "title": $uppercase(title) }])',
    '$merge([$, { "words": $count($split(body, " ")) }])',
    '$merge([$, { "slug": $lowercase($replace(title, " ", "-")) }])',
    '{ "title": title, "author": author, "words": words, "slug": slug }',
  ]
  const nodes: FlowInput['nodes'] = [{ id: 'start', type: 'trigger.manual', version: 1 }]
  const edges: FlowInput['edges'] = []
  expressions.forEach((expression, i) => {
    const previous = i === 0 ? 'start' : `t${i}`
    const data = i === 0 ? undefined : `{{ nodes.${previous}.result }}`
    nodes.push({
      id: `t${i + 1}`,
      type: 'data.transform',
      version: 1,
      config: data ? { expression, data } : { expression },
    })
    edges.push({ id: `e${i}`, source: previous, target: `t${i + 1}` })
  })
  return { schemaVersion: 1, name: 'transform', nodes, edges }
}

function parse(input: FlowInput): Flow {
  const result = validateFlow(input)
  if (!result.ok) throw new Error(`bench flow is invalid: ${JSON.stringify(result.problems)}`)
  return result.flow
}

export async function benchEngine(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'zhiliu-bench-'))
  const sqlite = createSqliteStore({ file: join(dir, 'bench.db') })
  const cases = [
    { name: '100 × data.set, templated', flow: parse(chainOfSets(100, true)), body: { n: 1 }, nodes: 101 },
    { name: '100 × data.set, constant', flow: parse(chainOfSets(100, false)), body: { n: 1 }, nodes: 101 },
    {
      name: '5 × data.transform (JSONata)',
      flow: parse(transformFlow()),
      body: { title: 'Dongguan opens an AI base', author: 'Li', body: 'one two three four' },
      nodes: 6,
    },
  ]
  // The server's evaluator (event loop within a budget, worker pool past it): ordinary expressions never reach a worker.
  const pool = createExpressionPool()
  const server: RunServices = { expressions: createPooledExpressions(pool) }
  const lines: string[] = []
  for (const c of cases) {
    for (const [label, store, services] of [
      ['in memory', undefined, undefined],
      ['SQLite store', sqlite, undefined],
      ['server evaluator', undefined, server],
    ] as Array<[string, RunStore | undefined, RunServices | undefined]>) {
      const task = async () => {
        const result = await runFlow({ flow: c.flow, event: { body: c.body }, store, services })
        if (result.status !== 'succeeded') throw new Error(`${c.name}: ${JSON.stringify(result.error)}`)
      }
      const iterations = c.nodes > 50 ? 300 : 2000
      const m = await measure(task, { warmup: Math.ceil(iterations / 4), iterations })
      lines.push(
        `engine  ${c.name.padEnd(30)} ${label.padEnd(16)} ${(m.medianUs / c.nodes).toFixed(1).padStart(7)} µs/node  (median run ${(m.medianUs / 1000).toFixed(2)} ms, ${m.iterations} runs)`,
      )
    }
  }
  await pool.close()
  sqlite.close()
  rmSync(dir, { recursive: true, force: true })
  return lines
}
