import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { replayDueUntil, replayPlan } from './replay-plan.ts'

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

describe('replayDueUntil', () => {
  const plan = replayPlan({
    id: 'r3',
    startedAt: 0,
    finishedAt: 30,
    status: 'succeeded',
    output: {},
    error: null,
    nodes: [
      result('start', 0, 5, {}),
      result('chat', 5, 20, { text: '你好，同学们' }),
      result('end', 20, 30, {}),
    ],
  })
  const typeAt = (i: number) => {
    const e = plan[i]?.event
    return e?.type === 'node.finished'
      ? `finished ${e.result.key}`
      : e && 'key' in e
        ? `${e.type} ${e.key}`
        : e?.type
  }

  it('applies every event due by the clock when each node was already shown running in an earlier tick', () => {
    const indexOf = (label: string) => plan.findIndex((_, i) => typeAt(i) === label)
    // At 20 ms the chat node finishes and the end node starts; the end node's finish (30 ms) is not due yet.
    expect(replayDueUntil(plan, indexOf('finished chat'), 20)).toBe(indexOf('finished end'))
    // At 4 ms the run and the first node have started; that node finishes at 5 ms.
    expect(replayDueUntil(plan, 0, 4)).toBe(indexOf('finished start'))
    // Nothing due yet: nothing applied, and the next tick starts from the same event.
    expect(replayDueUntil(plan, indexOf('finished end'), 29)).toBe(indexOf('finished end'))
  })

  it('never starts and finishes a node in one tick, so a clock that fell behind still shows its badge and text', () => {
    const ticks: string[][] = []
    for (let next = 0; next < plan.length; ) {
      const until = replayDueUntil(plan, next, 1_000)
      ticks.push(plan.slice(next, until).map((_, i) => typeAt(next + i) ?? ''))
      next = until
    }
    expect(ticks.map((t) => [t[0], t.at(-1)])).toEqual([
      ['run.started', 'node.started start'],
      ['finished start', 'node.chunk chat'],
      ['finished chat', 'node.started end'],
      ['finished end', 'run.finished'],
    ])
    expect(ticks[1]?.filter((t) => t === 'node.chunk chat').length).toBe(6)
  })
})
