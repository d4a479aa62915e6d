import { NodeError } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { runFlow } from './run-flow.ts'
import { deferred, type TestNodeSpec, testFlow, testNode, withNodes } from './test-nodes.ts'

const loop = (concurrency: number, items = '{{ trigger.body.items }}'): TestNodeSpec => ({
  id: 'loop',
  type: 'logic.for-each',
  config: { items, concurrency },
})

/** A flow t → loop → done, whose loop body is the given nodes and edges. */
function loopFlow(body: TestNodeSpec[], bodyEdges: string[] = [], concurrency = 4) {
  return testFlow(
    [
      { id: 't', type: 'trigger.manual' },
      loop(concurrency),
      ...body.map((n) => ({ ...n, parentId: n.parentId ?? 'loop' })),
      {
        id: 'done',
        type: 'data.set',
        config: { fields: [{ name: 'all', value: '{{ nodes.loop.results }}' }] },
      },
    ],
    ['t -> loop', 'loop -> done', ...bodyEdges],
  )
}

describe('runFlow: for-each', () => {
  it('runs the body once per item and returns the results in item order, even when later items finish first', async () => {
    const gates = [deferred(), deferred(), deferred()]
    const finished: number[] = []
    const work = testNode('test.work', async ({ config }) => {
      const index = config.index as number
      await gates[index]?.promise
      finished.push(index)
      return { upper: String(config.item).toUpperCase() }
    })
    const flow = loopFlow([
      { id: 'up', type: 'test.work', config: { item: '{{ item }}', index: '{{ index }}' } },
    ])
    const running = runFlow({
      flow,
      event: { body: { items: ['a', 'b', 'c'] } },
      definitions: withNodes(work),
    })
    gates[2]?.resolve()
    await new Promise((r) => setTimeout(r, 5))
    gates[1]?.resolve()
    await new Promise((r) => setTimeout(r, 5))
    gates[0]?.resolve()
    const result = await running
    expect(finished).toEqual([2, 1, 0])
    const loopResult = result.steps.find((s) => s.key === 'loop')
    expect(loopResult?.output).toEqual({
      results: [{ upper: 'A' }, { upper: 'B' }, { upper: 'C' }],
      count: 3,
    })
    expect(result.output).toEqual({ all: [{ upper: 'A' }, { upper: 'B' }, { upper: 'C' }] })
    expect(result.steps.map((s) => s.key)).toEqual([
      't',
      'loop[2].up',
      'loop[1].up',
      'loop[0].up',
      'loop',
      'done',
    ])
  })

  it('never has more iterations in flight than its concurrency', async () => {
    let inFlight = 0
    let peak = 0
    const work = testNode('test.work', async () => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise((r) => setTimeout(r, 2))
      inFlight--
      return {}
    })
    const flow = loopFlow([{ id: 'w', type: 'test.work' }], [], 3)
    const result = await runFlow({
      flow,
      event: { body: { items: [1, 2, 3, 4, 5, 6, 7, 8] } },
      definitions: withNodes(work),
    })
    expect(result.status).toBe('succeeded')
    expect(peak).toBe(3)
  })

  it('runs each iteration as dataflow, lets it see outer outputs and gives a multi-sink body an object', async () => {
    const flow = loopFlow(
      [
        {
          id: 'label',
          type: 'text.template',
          config: { template: '{{ index }}:{{ item }}:{{ trigger.body.tag }}' },
        },
        { id: 'shout', type: 'text.template', config: { template: '{{ nodes.label.text }}!' } },
        { id: 'count', type: 'data.set', config: { fields: [{ name: 'n', value: '{{ index }}' }] } },
      ],
      ['label -> shout'],
    )
    const result = await runFlow({ flow, event: { body: { items: ['x', 'y'], tag: 'T' } } })
    expect(result.output).toEqual({
      all: [
        { shout: { text: '0:x:T!' }, count: { n: 0 } },
        { shout: { text: '1:y:T!' }, count: { n: 1 } },
      ],
    })
  })

  it('composes keys in nested loops', async () => {
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'rows', type: 'logic.for-each', config: { items: '{{ trigger.body.rows }}' } },
        { id: 'cells', type: 'logic.for-each', parentId: 'rows', config: { items: '{{ item }}' } },
        { id: 'cell', type: 'text.template', parentId: 'cells', config: { template: '<{{ item }}>' } },
      ],
      ['t -> rows'],
    )
    const result = await runFlow({ flow, event: { body: { rows: [['a', 'b'], ['c']] } } })
    expect(result.output).toEqual({
      results: [
        { results: [{ text: '<a>' }, { text: '<b>' }], count: 2 },
        { results: [{ text: '<c>' }], count: 1 },
      ],
      count: 2,
    })
    const keys = result.steps.map((s) => s.key).filter((k) => k.endsWith('.cell'))
    expect(keys.sort()).toEqual(['rows[0].cells[0].cell', 'rows[0].cells[1].cell', 'rows[1].cells[0].cell'])
  })

  it('fails the loop, and so the run, when a body node fails, and stops the other iterations', async () => {
    const calls: unknown[] = []
    const work = testNode('test.work', async ({ config }, ctx) => {
      calls.push(config.item)
      if (config.item === 'bad') throw new NodeError('REJECTED', 'the service refused it')
      await new Promise((r) => setTimeout(r, 20))
      ctx.signal.throwIfAborted()
      return {}
    })
    const flow = loopFlow([{ id: 'w', type: 'test.work', config: { item: '{{ item }}' } }], [], 2)
    const items = ['ok', 'bad', 'never', 'never']
    const result = await runFlow({ flow, event: { body: { items } }, definitions: withNodes(work) })
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'REJECTED', nodeId: 'loop', details: { key: 'loop[1].w' } })
    expect(result.error?.message).toContain('loop[1].w')
    expect(calls).toEqual(['ok', 'bad'])
    const status = Object.fromEntries(result.steps.map((s) => [s.key, s.status]))
    expect(status).toMatchObject({ 'loop[1].w': 'failed', 'loop[0].w': 'cancelled', loop: 'failed' })
  })

  it("lets the loop's own onError turn a body failure into { error } downstream", async () => {
    const work = testNode('test.work', async () => {
      throw new NodeError('REJECTED', 'no')
    })
    const base = loopFlow([{ id: 'w', type: 'test.work' }])
    const flow = {
      ...base,
      nodes: base.nodes.map((n) =>
        n.id === 'loop' ? { ...n, settings: { onError: 'continue' as const } } : n,
      ),
    }
    const result = await runFlow({ flow, event: { body: { items: [1] } }, definitions: withNodes(work) })
    expect(result.status).toBe('succeeded')
    expect(result.steps.find((s) => s.key === 'loop')).toMatchObject({
      status: 'failed',
      error: { code: 'REJECTED' },
    })
  })

  it('fails the loop with the list problem when items is not a list', async () => {
    const flow = loopFlow([{ id: 'w', type: 'text.template', config: { template: 'x' } }])
    const result = await runFlow({ flow, event: { body: { items: 42 } } })
    expect(result.status).toBe('failed')
    expect(result.error?.nodeId).toBe('loop')
    expect(result.steps.some((s) => s.key.startsWith('loop['))).toBe(false)
  })

  it('returns no results for an empty list without running the body', async () => {
    const work = testNode('test.work', async () => {
      throw new Error('must not run')
    })
    const flow = loopFlow([{ id: 'w', type: 'test.work' }])
    const result = await runFlow({ flow, event: { body: { items: [] } }, definitions: withNodes(work) })
    expect(result.steps.find((s) => s.key === 'loop')?.output).toEqual({ results: [], count: 0 })
  })
})
