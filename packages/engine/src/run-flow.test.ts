import { route } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import type { RunEvent } from './run-events.ts'
import { runFlow } from './run-flow.ts'
import { testFlow, testNode, withNodes } from './test-nodes.ts'

const manual = { type: 'trigger.manual' }
const setFields = (fields: Record<string, unknown>) => ({
  type: 'data.set',
  config: { fields: Object.entries(fields).map(([name, value]) => ({ name, value })) },
})
const passingIf = (left: unknown, right: unknown) => ({
  type: 'logic.if',
  config: { conditions: [{ left, operator: 'equals', right }] },
})

describe('runFlow: dataflow', () => {
  it('feeds the trigger event through templates and returns the sink output', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'greet', ...setFields({ text: 'Hello, {{ trigger.body.name }}' }) },
      ],
      ['t -> greet'],
    )
    const result = await runFlow({ flow, event: { body: { name: 'Li Lei' } } })
    expect(result.status).toBe('succeeded')
    expect(result.output).toEqual({ text: 'Hello, Li Lei' })
    expect(result.steps.map((s) => [s.key, s.status])).toEqual([
      ['t', 'succeeded'],
      ['greet', 'succeeded'],
    ])
  })

  it('runs the merge once with the taken branch and skips what hangs off the branch not taken', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'check', ...passingIf('{{ trigger.body.score }}', 'high') },
        { id: 'yes', ...setFields({ verdict: 'pass' }) },
        { id: 'no', ...setFields({ verdict: 'fail' }) },
        { id: 'afterNo', ...setFields({ note: 'only after no' }) },
        { id: 'merge', type: 'logic.merge' },
      ],
      [
        't -> check',
        'check:true -> yes',
        'check:false -> no',
        'no -> afterNo',
        'yes -> merge',
        'afterNo -> merge',
      ],
    )
    const result = await runFlow({ flow, event: { body: { score: 'high' } } })
    const status = Object.fromEntries(result.steps.map((s) => [s.key, s.status]))
    expect(status).toEqual({
      t: 'succeeded',
      check: 'succeeded',
      yes: 'succeeded',
      no: 'skipped',
      afterNo: 'skipped',
      merge: 'succeeded',
    })
    expect(result.steps.filter((s) => s.nodeId === 'merge')).toHaveLength(1)
    expect(result.output).toEqual({ values: [{ verdict: 'pass' }], first: { verdict: 'pass' } })
  })

  it('lets a template after a merge read the branch that was skipped as empty rather than failing', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'check', ...passingIf('{{ trigger.body.ok }}', 'yes') },
        { id: 'yes', ...setFields({ verdict: 'pass' }) },
        { id: 'no', ...setFields({ verdict: 'fail' }) },
        { id: 'merge', type: 'logic.merge' },
        { id: 'report', ...setFields({ text: '{{ nodes.no.verdict | default: nodes.yes.verdict }}' }) },
      ],
      [
        't -> check',
        'check:true -> yes',
        'check:false -> no',
        'yes -> merge',
        'no -> merge',
        'merge -> report',
      ],
    )
    const result = await runFlow({ flow, event: { body: { ok: 'yes' } } })
    expect(result).toMatchObject({ status: 'succeeded', output: { text: 'pass' } })
  })

  it('routes a switch down the matching case only', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        {
          id: 'section',
          type: 'logic.switch',
          config: {
            value: '{{ trigger.body.section }}',
            cases: [
              { id: 'sport', compare: 'sport' },
              { id: 'news', compare: 'news' },
            ],
          },
        },
        { id: 'sport', ...setFields({ desk: 'sport' }) },
        { id: 'news', ...setFields({ desk: 'news' }) },
        { id: 'other', ...setFields({ desk: 'other' }) },
        { id: 'merge', type: 'logic.merge' },
      ],
      [
        't -> section',
        'section:sport -> sport',
        'section:news -> news',
        'section:default -> other',
        'sport -> merge',
        'news -> merge',
        'other -> merge',
      ],
    )
    const result = await runFlow({ flow, event: { body: { section: 'news' } } })
    const ran = result.steps.filter((s) => s.status === 'succeeded').map((s) => s.key)
    expect(ran).toEqual(['t', 'section', 'news', 'merge'])
    expect(result.output).toEqual({ values: [{ desk: 'news' }], first: { desk: 'news' } })
  })

  it('gives a multiple port every non-skipped value in edge order and a single port the first', async () => {
    const seen: unknown[] = []
    const collect = testNode('test.collect', async ({ inputs }) => seen.push(inputs.in), { multiple: true })
    const first = testNode('test.first', async ({ inputs }) => seen.push(inputs.in))
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'a', ...setFields({ n: 1 }) },
        { id: 'b', ...setFields({ n: 2 }) },
        { id: 'all', type: 'test.collect' },
        { id: 'one', type: 'test.first' },
      ],
      ['t -> b', 't -> a', 'b -> all', 'a -> all', 'b -> one', 'a -> one'],
    )
    await runFlow({ flow, event: { body: {} }, definitions: withNodes(collect, first), concurrency: 1 })
    expect(seen).toEqual([[{ n: 2 }, { n: 1 }], { n: 2 }])
  })

  it('skips nodes with no incoming edge when the flow has a trigger: only the trigger starts a run', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'orphan', ...setFields({ x: 1 }) },
        { id: 'next', ...setFields({ y: 2 }) },
      ],
      ['t -> next'],
    )
    const result = await runFlow({ flow, event: { body: {} } })
    expect(result.steps.find((s) => s.key === 'orphan')?.status).toBe('skipped')
    expect(result.output).toEqual({ y: 2 })
  })

  it('starts a flow without a trigger at every root and lets templates read the event as trigger', async () => {
    const flow = testFlow([
      { id: 'a', ...setFields({ title: '{{ trigger.body.title }}' }) },
      { id: 'b', ...setFields({ method: '{{ trigger.method }}' }) },
    ])
    const result = await runFlow({ flow, event: { body: { title: 'Spring' }, method: 'CLI' } })
    expect(result.output).toEqual({ a: { title: 'Spring' }, b: { method: 'CLI' } })
  })

  it('returns the output of the last respond node that ran, not the sinks', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'reply', type: 'flow.respond', config: { status: 201, body: '{{ trigger.body.id }}' } },
        { id: 'log', ...setFields({ logged: true }) },
      ],
      ['t -> reply', 'reply -> log'],
    )
    const result = await runFlow({ flow, event: { body: { id: 7 } } })
    expect(result.output).toEqual({ status: 201, headers: {}, body: 7 })
  })

  it('records the rendered config a node ran with, not copies of upstream outputs', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'greet', ...setFields({ text: 'Hi {{ trigger.body.name }}' }) },
      ],
      ['t -> greet'],
    )
    const result = await runFlow({ flow, event: { body: { name: 'Ana' } } })
    const greet = result.steps.find((s) => s.key === 'greet')
    expect(greet?.input).toEqual({
      config: { fields: [{ name: 'text', value: 'Hi Ana', type: 'auto' }], keepInput: false },
    })
  })

  it('fails a node whose rendered config does not parse, naming the field', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'reply', type: 'flow.respond', config: { status: '{{ trigger.body.code }}' } },
      ],
      ['t -> reply'],
    )
    const result = await runFlow({ flow, event: { body: { code: 'teapot' } } })
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'CONFIG_INVALID', nodeId: 'reply' })
    expect(result.error?.details).toMatchObject({ issues: [{ path: 'status' }] })
  })

  it('fails at once, naming the node, when a node type is unknown', async () => {
    const store = createMemoryRunStore()
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'x', type: 'no.such' },
      ],
      ['t -> x'],
    )
    const result = await runFlow({ flow, event: { body: {} }, store, runId: 'r1' })
    expect(result).toMatchObject({ status: 'failed', steps: [] })
    expect(result.error).toMatchObject({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'x' })
    expect(result.error?.message).toContain('no.such@1')
    expect(store.runs.get('r1')?.outcome?.status).toBe('failed')
  })

  it('rejects, as a programmer error, a resume without the id of the run to resume', async () => {
    const flow = testFlow([{ id: 't', ...manual }])
    await expect(runFlow({ flow, event: { body: {} }, resume: true })).rejects.toThrow(/runId/)
  })

  it('starts ready nodes in topological order with ties broken by document order', async () => {
    const started: string[] = []
    const probe = testNode('test.probe', async (_, ctx) => started.push(ctx.nodeId))
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'c', type: 'test.probe' },
        { id: 'a', type: 'test.probe' },
        { id: 'b', type: 'test.probe' },
      ],
      ['t -> a', 't -> b', 't -> c'],
    )
    for (const concurrency of [1, 8]) {
      started.length = 0
      await runFlow({ flow, event: { body: {} }, definitions: withNodes(probe), concurrency })
      expect(started).toEqual(['c', 'a', 'b'])
    }
  })

  it('emits events in order: run, each node started then finished, chunks in between, run finished', async () => {
    const talk = testNode('test.talk', async (_, ctx) => {
      ctx.emit({ channel: 'text', text: 'hel' })
      ctx.emit({ channel: 'text', text: 'lo' })
      return { said: 'hello' }
    })
    const events: RunEvent[] = []
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'say', type: 'test.talk' },
      ],
      ['t -> say'],
    )
    await runFlow({ flow, event: { body: {} }, definitions: withNodes(talk), onEvent: (e) => events.push(e) })
    const trace = events.map((e) => {
      if (e.type === 'node.finished') return `${e.type} ${e.result.key} ${e.result.status}`
      if (e.type === 'node.chunk') return `${e.type} ${e.chunk.text}`
      if (e.type === 'node.started') return `${e.type} ${e.key} #${e.attempt}`
      if (e.type === 'run.finished') return `${e.type} ${e.outcome.status}`
      return e.type
    })
    expect(trace).toEqual([
      'run.started',
      'node.started t #1',
      'node.finished t succeeded',
      'node.started say #1',
      'node.chunk hel',
      'node.chunk lo',
      'node.finished say succeeded',
      'run.finished succeeded',
    ])
  })

  it('keeps running when an event listener throws', async () => {
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'a', ...setFields({ ok: true }) },
      ],
      ['t -> a'],
    )
    const result = await runFlow({
      flow,
      event: { body: {} },
      onEvent: () => {
        throw new Error('listener bug')
      },
    })
    expect(result).toMatchObject({ status: 'succeeded', output: { ok: true } })
  })

  it('keeps pure results in memory, but stores everything before a node with side effects acts and after it', async () => {
    const memory = createMemoryRunStore()
    // A store that confirms each write a little later, like a group-committing database under load.
    const store: typeof memory = {
      ...memory,
      saveResults: (runId, results) =>
        new Promise((resolve) => setTimeout(() => resolve(memory.saveResults(runId, results)), 5)),
    }
    const seenInStore: Record<string, string[]> = {}
    const look = (ctx: { runId: string; nodeId: string }) => {
      const results = [...(memory.runs.get(ctx.runId)?.results.values() ?? [])]
      seenInStore[ctx.nodeId] = results.map((r) => (r.status === 'sending' ? `${r.key}:sending` : r.key))
      return route('out', {})
    }
    const pure = testNode('test.pure', async (_, ctx) => look(ctx))
    const post = testNode('test.post', async (_, ctx) => look(ctx), { sideEffects: 'keyed' })
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'a', type: 'test.pure' },
        { id: 'b', type: 'test.pure' },
        { id: 'send', type: 'test.post' },
        { id: 'c', type: 'test.pure' },
      ],
      ['t -> a', 'a -> b', 'b -> send', 'send -> c'],
    )
    const result = await runFlow({ flow, event: { body: {} }, store, definitions: withNodes(pure, post) })
    expect(seenInStore.b).not.toContain('a')
    // …and that it is sending, so a crash from here on is known to have maybe sent (see run-flow.resume tests).
    expect(seenInStore.send).toEqual(['t', 'a', 'b', 'send:sending'])
    expect(seenInStore.c).toContain('send')
    expect([...(memory.runs.get(result.runId)?.results.keys() ?? [])].sort()).toEqual([
      'a',
      'b',
      'c',
      'send',
      't',
    ])
    expect(memory.runs.get(result.runId)?.outcome).toMatchObject({ status: 'succeeded' })
  })

  it('hands every attempt a context with a stable idempotency key and refusing default services', async () => {
    const seen: string[] = []
    const probe = testNode('test.probe', async (_, ctx) => {
      seen.push(ctx.idempotencyKey, ctx.nodeKey)
      const refusals = await Promise.allSettled([
        ctx.fetch('https://example.com'),
        ctx.secrets.get('cred', 'api-key'),
        ctx.models.chat({ messages: [] }, ctx.signal),
      ])
      return refusals.map((r) =>
        r.status === 'rejected' ? (r.reason as { code: string }).code : 'fulfilled',
      )
    })
    const flow = testFlow(
      [
        { id: 't', ...manual },
        { id: 'p', type: 'test.probe' },
      ],
      ['t -> p'],
    )
    const result = await runFlow({ flow, event: { body: {} }, runId: 'run9', definitions: withNodes(probe) })
    expect(seen).toEqual(['run9:p', 'p'])
    expect(result.output).toEqual(['NO_FETCH', 'NO_SECRETS', 'NO_MODEL_PROVIDER'])
  })
})
