import type { NodeResult } from '@zhiliu/engine'
import { beforeEach, describe, expect, it } from 'vitest'
import { edgeFlow, useRun } from './run-store.ts'

const result = (nodeId: string, status: NodeResult['status'], ports: string[] = ['out']): NodeResult => ({
  key: nodeId,
  nodeId,
  status,
  ports,
  output: { text: nodeId },
  attempts: 1,
  startedAt: 1,
  finishedAt: 2,
})

beforeEach(() => useRun.getState().begin('r1', ['a', 'b', 'c'], { body: {} }))
const apply = useRun.getState().apply

describe('a run as the canvas shows it', () => {
  it('moves each node from waiting to running to its result', () => {
    expect(useRun.getState().nodeStatus).toEqual({ a: 'waiting', b: 'waiting', c: 'waiting' })
    apply({ type: 'node.started', runId: 'r1', key: 'a', nodeId: 'a', attempt: 1, at: 1 })
    expect(useRun.getState().nodeStatus.a).toBe('running')
    apply({ type: 'node.finished', runId: 'r1', result: result('a', 'succeeded'), at: 2 })
    expect(useRun.getState().nodeStatus.a).toBe('succeeded')
    expect(useRun.getState().results.a?.output).toEqual({ text: 'a' })
  })

  it('collects streamed text per node, and starts over when a reconnected stream replays the run', () => {
    apply({
      type: 'node.chunk',
      runId: 'r1',
      key: 'b',
      nodeId: 'b',
      chunk: { channel: 'text', text: '你好' },
      at: 1,
    })
    apply({
      type: 'node.chunk',
      runId: 'r1',
      key: 'b',
      nodeId: 'b',
      chunk: { channel: 'text', text: '，世界' },
      at: 2,
    })
    apply({
      type: 'node.chunk',
      runId: 'r1',
      key: 'b',
      nodeId: 'b',
      chunk: { channel: 'reasoning', text: '…' },
      at: 3,
    })
    expect(useRun.getState().text.b).toBe('你好，世界')
    apply({ type: 'run.started', runId: 'r1', at: 0 })
    expect(useRun.getState().text).toEqual({})
  })

  it('ignores events of another run', () => {
    apply({ type: 'node.started', runId: 'other', key: 'a', nodeId: 'a', attempt: 1, at: 1 })
    expect(useRun.getState().nodeStatus.a).toBe('waiting')
  })

  it('drops the badges of nodes the run never reached once it ends', () => {
    apply({ type: 'node.finished', runId: 'r1', result: result('a', 'failed', []), at: 2 })
    apply({ type: 'run.finished', runId: 'r1', outcome: { status: 'failed', finishedAt: 3 }, at: 3 })
    expect(useRun.getState().nodeStatus).toEqual({ a: 'failed' })
    expect(useRun.getState().status).toBe('failed')
  })

  it('keeps a send held for a person, and its run needing attention, once the run stops there', () => {
    apply({ type: 'node.finished', runId: 'r1', result: result('a', 'succeeded'), at: 2 })
    apply({ type: 'node.finished', runId: 'r1', result: result('b', 'sending', []), reused: true, at: 3 })
    const error = { code: 'SEND_UNCONFIRMED', message: 'may have sent', nodeId: 'b' }
    apply({
      type: 'run.finished',
      runId: 'r1',
      outcome: { status: 'needs_attention', error, finishedAt: 4 },
      at: 4,
    })
    expect(useRun.getState()).toMatchObject({
      status: 'needs_attention',
      nodeStatus: { a: 'succeeded', b: 'sending' },
    })
    expect(edgeFlow(useRun.getState(), 'b', 'out', 'c')).toBe('none')
  })

  it('animates an edge while data travels along it and marks it once it arrived', () => {
    apply({ type: 'node.finished', runId: 'r1', result: result('a', 'succeeded', ['true']), at: 2 })
    expect(edgeFlow(useRun.getState(), 'a', 'true', 'b')).toBe('flowing')
    expect(edgeFlow(useRun.getState(), 'a', 'false', 'c')).toBe('none')
    apply({ type: 'node.finished', runId: 'r1', result: result('b', 'succeeded'), at: 3 })
    expect(edgeFlow(useRun.getState(), 'a', 'true', 'b')).toBe('done')
  })
})
