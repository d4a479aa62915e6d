import { NodeError } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import type { RunEvent } from './run-events.ts'
import { runFlow } from './run-flow.ts'
import { testFlow, testNode, withNodes } from './test-nodes.ts'

describe('runFlow: resume', () => {
  it('does not run a node again that succeeded, and feeds its recorded output downstream', async () => {
    const calls: string[] = []
    let publishWorks = false
    const fetchStory = testNode('test.fetch', async (_, ctx) => {
      calls.push(`fetch #${ctx.attempt}`)
      return { title: `story fetched by call ${calls.length}` }
    })
    const publish = testNode('test.publish', async ({ config }, ctx) => {
      calls.push(`publish ${ctx.idempotencyKey}`)
      if (!publishWorks) throw new NodeError('DOWN', 'the CMS is down')
      return { published: config.title }
    })
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'fetch', type: 'test.fetch' },
        { id: 'publish', type: 'test.publish', config: { title: '{{ nodes.fetch.title }}' } },
      ],
      ['t -> fetch', 'fetch -> publish'],
    )
    const store = createMemoryRunStore()
    const options = {
      flow,
      event: { body: {} },
      store,
      runId: 'r1',
      definitions: withNodes(fetchStory, publish),
    }

    const first = await runFlow(options)
    expect(first.status).toBe('failed')
    publishWorks = true
    const announced: RunEvent[] = []
    const resumed = await runFlow({ ...options, resume: true, onEvent: (e) => announced.push(e) })

    expect(resumed.status).toBe('succeeded')
    expect(calls).toEqual(['fetch #1', 'publish r1:publish', 'publish r1:publish'])
    expect(resumed.output).toEqual({ published: 'story fetched by call 1' })
    expect(resumed.steps.map((s) => [s.key, s.status])).toEqual([
      ['t', 'succeeded'],
      ['fetch', 'succeeded'],
      ['publish', 'succeeded'],
    ])
    expect(store.runs.get('r1')?.outcome?.status).toBe('succeeded')
    // Subscribers see every result; counting executions (metrics) must be able to leave out the reused ones.
    const finished = announced.flatMap((e) => (e.type === 'node.finished' ? [[e.result.key, e.reused]] : []))
    expect(finished).toEqual([
      ['t', true],
      ['fetch', true],
      ['publish', undefined],
    ])
  })

  it('reruns only the loop iterations that did not succeed', async () => {
    const calls: unknown[] = []
    let failing = 'b'
    const work = testNode('test.work', async ({ config }) => {
      calls.push(config.item)
      if (config.item === failing) throw new NodeError('FLAKY', 'try later')
      return { done: config.item }
    })
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'loop', type: 'logic.for-each', config: { items: '{{ trigger.body.items }}', concurrency: 1 } },
        { id: 'w', type: 'test.work', parentId: 'loop', config: { item: '{{ item }}' } },
      ],
      ['t -> loop'],
    )
    const store = createMemoryRunStore()
    const options = {
      flow,
      event: { body: { items: ['a', 'b'] } },
      store,
      runId: 'r2',
      definitions: withNodes(work),
    }

    expect((await runFlow(options)).status).toBe('failed')
    failing = ''
    const resumed = await runFlow({ ...options, resume: true })

    expect(calls).toEqual(['a', 'b', 'b'])
    expect(resumed.output).toEqual({ results: [{ done: 'a' }, { done: 'b' }], count: 2 })
  })

  it('reuses a recorded skip, so the branch not taken stays untaken', async () => {
    const calls: string[] = []
    const probe = testNode('test.probe', async (_, ctx) => calls.push(ctx.nodeId))
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        {
          id: 'gate',
          type: 'logic.if',
          config: { conditions: [{ left: 'a', operator: 'equals', right: 'b' }] },
        },
        { id: 'yes', type: 'test.probe' },
        { id: 'no', type: 'test.probe' },
      ],
      ['t -> gate', 'gate:true -> yes', 'gate:false -> no'],
    )
    const store = createMemoryRunStore()
    const options = { flow, event: { body: {} }, store, runId: 'r3', definitions: withNodes(probe) }
    await runFlow(options)
    const resumed = await runFlow({ ...options, resume: true })
    expect(calls).toEqual(['no'])
    expect(resumed.steps.find((s) => s.key === 'yes')?.status).toBe('skipped')
  })
})
