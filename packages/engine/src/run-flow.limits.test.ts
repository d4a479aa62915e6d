import { NodeError } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { runFlow } from './run-flow.ts'
import { type TestNodeSpec, testFlow, testNode, withNodes } from './test-nodes.ts'

/** `{ v: { v: … 1 } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < levels; i++) value = { v: value }
  return value
}

let calls = 0
const deep = testNode('test.deep', async ({ config }) => {
  calls++
  return nested(Number(config.levels))
})
const text = testNode('test.text', async ({ config }) => ({ text: 'x'.repeat(Number(config.chars)) }))
const definitions = withNodes(deep, text)

const chain = (...nodes: TestNodeSpec[]) =>
  testFlow(
    [{ id: 't', type: 'trigger.manual' }, ...nodes],
    nodes.map((n, i) => `${i === 0 ? 't' : nodes[i - 1]?.id} -> ${n.id}`),
  )

describe('limits on what a node records', () => {
  it('fails a node whose output nests deeper than 100 levels with OUTPUT_TOO_DEEP, once, naming it', async () => {
    calls = 0
    const flow = chain({
      id: 'deep',
      type: 'test.deep',
      config: { levels: 101 },
      settings: { retry: { maxAttempts: 3, backoffMs: 0 } },
    })
    const result = await runFlow({ flow, event: { body: {} }, definitions })
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 'OUTPUT_TOO_DEEP', nodeId: 'deep', retryable: false })
    expect(result.error?.message).toContain('"deep"')
    expect(calls).toBe(1)
    const step = result.steps.find((s) => s.nodeId === 'deep')
    expect(step).toMatchObject({ status: 'failed', attempts: 1 })
    expect(step?.output).toBeUndefined()
  })

  it('lets 100 levels through', async () => {
    const flow = chain({ id: 'deep', type: 'test.deep', config: { levels: 100 } })
    expect((await runFlow({ flow, event: { body: {} }, definitions })).status).toBe('succeeded')
  })

  it('fails a data.transform whose expression builds 1,000 nested levels', async () => {
    const expression = '$reduce([1..1000], function($acc, $i) { { "v": $acc } }, 0)'
    const flow = chain({ id: 'shape', type: 'data.transform', config: { expression } })
    const result = await runFlow({ flow, event: { body: {} }, definitions })
    expect(result.error).toMatchObject({ code: 'OUTPUT_TOO_DEEP', nodeId: 'shape' })
  })

  it('with onError continue, passes the limit error on like any node error', async () => {
    const flow = chain(
      { id: 'deep', type: 'test.deep', config: { levels: 500 }, settings: { onError: 'continue' } },
      {
        id: 'after',
        type: 'data.set',
        config: { fields: [{ name: 'saw', value: '{{ nodes.deep.error.code }}' }] },
      },
    )
    const result = await runFlow({ flow, event: { body: {} }, definitions })
    expect(result.status).toBe('succeeded')
    expect(result.output).toEqual({ saw: 'OUTPUT_TOO_DEEP' })
  })

  it('fails a node whose output is larger than the node limit with OUTPUT_TOO_LARGE', async () => {
    const flow = chain({ id: 'big', type: 'test.text', config: { chars: 5000 } })
    const limits = { maxNodeOutput: 4096 }
    const result = await runFlow({ flow, event: { body: {} }, definitions, limits })
    expect(result.error).toMatchObject({ code: 'OUTPUT_TOO_LARGE', nodeId: 'big', retryable: false })
    expect(result.error?.details).toMatchObject({ nodeId: 'big', maxNodeOutput: 4096 })
  })

  it('fails the node that takes the run past its total with RUN_TOO_LARGE', async () => {
    const flow = chain(
      { id: 'a', type: 'test.text', config: { chars: 3000 } },
      { id: 'b', type: 'test.text', config: { chars: 3000 } },
      { id: 'c', type: 'test.text', config: { chars: 3000 } },
    )
    const limits = { maxNodeOutput: 4096, maxRunOutput: 8000 }
    const result = await runFlow({ flow, event: { body: {} }, definitions, limits })
    expect(result.error).toMatchObject({ code: 'RUN_TOO_LARGE', nodeId: 'c' })
    expect(result.steps.filter((s) => s.status === 'succeeded').map((s) => s.nodeId)).toEqual(['t', 'a', 'b'])
  })

  it('checks the collected results of a for-each loop too', async () => {
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        { id: 'loop', type: 'logic.for-each', config: { items: '{{ trigger.body.items }}' } },
        { id: 'deep', type: 'test.deep', config: { levels: 100 }, parentId: 'loop' },
      ],
      ['t -> loop'],
    )
    const result = await runFlow({ flow, event: { body: { items: [1, 2] } }, definitions })
    expect(result.error).toMatchObject({ code: 'OUTPUT_TOO_DEEP', nodeId: 'loop' })
  })

  it('records a node error whose details nest too deep with a note in their place, keeping its code', async () => {
    const thrower = testNode('test.throw', async () => {
      throw new NodeError('UPSTREAM_SAID_NO', 'the service refused', { details: nested(5000) })
    })
    const flow = chain({ id: 'call', type: 'test.throw' })
    const result = await runFlow({ flow, event: { body: {} }, definitions: withNodes(thrower) })
    expect(result.error).toMatchObject({
      code: 'UPSTREAM_SAID_NO',
      nodeId: 'call',
      details: { omitted: "the error's details were nested too deep to record" },
    })
  })
})
