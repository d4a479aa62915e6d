import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import type { PauseRules } from './pause-rules.ts'
import type { RunEvent } from './run-events.ts'
import { runFlow } from './run-flow.ts'
import { testFlow, testNode, withNodes } from './test-nodes.ts'

const calls: string[] = []
const probe = testNode('test.probe', async ({ config, inputs }, ctx) => {
  calls.push(ctx.nodeId)
  return { from: ctx.nodeId, said: config.text, got: inputs.in }
})

// t → a → b → c, each saying something rendered from the node before it.
const chain = testFlow(
  [
    { id: 't', type: 'trigger.manual' },
    { id: 'a', type: 'test.probe', config: { text: 'hi {{ trigger.body.name }}' } },
    { id: 'b', type: 'test.probe', config: { text: 'after {{ nodes.a.said }}' } },
    { id: 'c', type: 'test.probe', config: { text: 'end' } },
  ],
  ['t -> a', 'a -> b', 'b -> c'],
)

function chainRun(runId: string) {
  calls.length = 0
  const store = createMemoryRunStore()
  const events: RunEvent[] = []
  const options = {
    flow: chain,
    event: { body: { name: 'Li' } },
    store,
    runId,
    definitions: withNodes(probe),
    onEvent: (event: RunEvent) => events.push(event),
  }
  const resume = (pause: PauseRules | undefined) => runFlow({ ...options, resume: true, pause })
  return { store, options, events, resume }
}

describe('runFlow: step through', () => {
  it('pauses before a breakpoint with the node’s rendered config and inputs, having stored everything before it', async () => {
    const { store, options, events } = chainRun('p1')
    const first = await runFlow({ ...options, pause: { before: ['b'] } })
    expect(first.status).toBe('paused')
    expect(first.paused).toEqual({
      key: 'b',
      nodeId: 'b',
      input: {
        config: { text: 'after hi Li' },
        inputs: { in: { from: 'a', said: 'hi Li', got: expect.anything() } },
      },
    })
    expect(calls).toEqual(['a'])
    const stored = store.runs.get('p1')
    expect(stored?.record.status).toBe('paused')
    expect([...(stored?.results.keys() ?? [])]).toEqual(['t', 'a'])
    // The held node neither started nor finished: a live canvas shows it as paused, not running.
    expect(events.filter((e) => 'key' in e && e.key === 'b')).toEqual([])
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', outcome: { status: 'paused' } })
  })

  it('continues from the paused node without running the earlier ones again', async () => {
    const { options, resume } = chainRun('p2')
    await runFlow({ ...options, pause: { before: ['b'] } })
    calls.length = 0
    const done = await resume({ before: ['b'], release: { key: 'b' } })
    expect(done.status).toBe('succeeded')
    expect(calls).toEqual(['b', 'c'])
  })

  it('in step mode pauses before every node, one at a time', async () => {
    const { options, resume } = chainRun('p3')
    const seen: string[] = []
    let outcome = await runFlow({ ...options, pause: { step: true } })
    while (outcome.status === 'paused') {
      const key = outcome.paused?.key ?? ''
      seen.push(key)
      outcome = await resume({ step: true, release: { key } })
    }
    expect(seen).toEqual(['t', 'a', 'b', 'c'])
    expect(outcome.status).toBe('succeeded')
    expect(calls).toEqual(['a', 'b', 'c'])
  })

  it('runs the paused node with a config a person edited, and records that it was edited', async () => {
    const { store, options, resume } = chainRun('p4')
    await runFlow({ ...options, pause: { before: ['b'] } })
    const done = await resume({ release: { key: 'b', config: { text: 'changed by hand' } } })
    expect(done.status).toBe('succeeded')
    expect(store.runs.get('p4')?.results.get('b')).toMatchObject({
      input: { config: { text: 'changed by hand' }, edited: true },
      output: { said: 'changed by hand' },
    })
    expect(store.runs.get('p4')?.results.get('a')?.input).toEqual({ config: { text: 'hi Li' } })
  })

  it('holds every parallel branch that reaches a node after the pause, and reports the first', async () => {
    calls.length = 0
    const fan = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'x', type: 'test.probe', config: {} },
        { id: 'y', type: 'test.probe', config: {} },
      ],
      ['t -> x', 't -> y'],
      { concurrency: 1 },
    )
    const store = createMemoryRunStore()
    const options = { flow: fan, event: { body: {} }, store, runId: 'p5', definitions: withNodes(probe) }
    const first = await runFlow({ ...options, pause: { before: ['x'] } })
    expect(first).toMatchObject({ status: 'paused', paused: { key: 'x' } })
    expect(calls).toEqual([])
    const done = await runFlow({ ...options, resume: true, pause: { release: { key: 'x' } } })
    expect(done.status).toBe('succeeded')
    expect(calls.sort()).toEqual(['x', 'y'])
  })

  it('steps into a for-each body once per iteration without pausing before the loop again', async () => {
    calls.length = 0
    const loopFlow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'loop', type: 'logic.for-each', config: { items: '{{ trigger.body.items }}' } },
        { id: 'inner', type: 'test.probe', parentId: 'loop', config: { text: '{{ item }}' } },
      ],
      ['t -> loop'],
    )
    const store = createMemoryRunStore()
    const options = { flow: loopFlow, event: { body: { items: [1, 2] } }, store, runId: 'p6' }
    const definitions = withNodes(probe)
    const seen: string[] = []
    let outcome = await runFlow({ ...options, definitions, pause: { step: true } })
    while (outcome.status === 'paused' && seen.length < 10) {
      const key = outcome.paused?.key ?? ''
      seen.push(key)
      outcome = await runFlow({
        ...options,
        definitions,
        resume: true,
        pause: { step: true, release: { key } },
      })
    }
    expect(seen).toEqual(['t', 'loop', 'loop[0].inner', 'loop[1].inner'])
    expect(outcome).toMatchObject({ status: 'succeeded', output: { count: 2 } })
  })
})
