import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { replayPlan } from './replay-plan.ts'

const result = (
  nodeId: string,
  startedAt: number,
  finishedAt: number,
  output?: unknown,
): NodeResult & { durationMs: number } => ({
  key: nodeId,
  nodeId,
  status: 'succeeded',
  ports: ['out'],
  output,
  attempts: 1,
  startedAt,
  finishedAt,
  durationMs: finishedAt - startedAt,
})

describe('replayPlan', () => {
  it('puts each node at its recorded times after the run start, and streams its final text over its duration', () => {
    const plan = replayPlan({
      id: 'r1',
      startedAt: 1000,
      finishedAt: 3100,
      status: 'succeeded',
      output: { ok: true },
      error: null,
      nodes: [result('start', 1000, 1010, {}), result('chat', 1100, 3100, { text: 'x'.repeat(80) })],
    })
    const nodeOf = (e: (typeof plan)[number]['event']) =>
      e.type === 'node.finished' ? e.result.nodeId : 'nodeId' in e ? e.nodeId : undefined
    const at = (type: string, nodeId: string) =>
      plan.filter((p) => p.event.type === type && nodeOf(p.event) === nodeId)
    expect(plan[0]).toMatchObject({ at: 0, event: { type: 'run.started' } })
    expect(at('node.started', 'chat').map((p) => p.at)).toEqual([100])
    const chunks = at('node.chunk', 'chat')
    expect(chunks.length).toBeGreaterThan(10)
    expect(chunks.map((c) => (c.event.type === 'node.chunk' ? c.event.chunk.text : '')).join('')).toBe(
      'x'.repeat(80),
    )
    expect(chunks.every((c) => c.at >= 100 && c.at < 2100)).toBe(true)
    expect(at('node.finished', 'chat').map((p) => p.at)).toEqual([2100])
    expect(plan.at(-1)).toMatchObject({
      at: 2100,
      event: { type: 'run.finished', outcome: { status: 'succeeded' } },
    })
    // In time order, and a node finishes before the next one starts when both happen at the same moment.
    expect(plan.map((p) => p.at)).toEqual([...plan.map((p) => p.at)].sort((a, b) => a - b))
  })

  it('ends without run.finished for a run that has not ended', () => {
    const plan = replayPlan({
      id: 'r2',
      startedAt: 0,
      finishedAt: null,
      status: 'running',
      output: null,
      error: null,
      nodes: [],
    })
    expect(plan.map((p) => p.event.type)).toEqual(['run.started'])
  })
})
