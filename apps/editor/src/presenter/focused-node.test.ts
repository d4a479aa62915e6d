import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { focusedNode } from './focused-node.ts'

const done = (nodeId: string, finishedAt: number) =>
  ({
    key: nodeId,
    nodeId,
    status: 'succeeded',
    ports: [],
    attempts: 1,
    startedAt: 0,
    finishedAt,
  }) as NodeResult

describe('focusedNode', () => {
  it('follows the paused node first, then the running one, then the one that finished last', () => {
    const results = { a: done('a', 5), b: done('b', 9) }
    expect(focusedNode({ nodeStatus: {}, results: {} })).toBeUndefined()
    expect(focusedNode({ nodeStatus: { a: 'succeeded', b: 'succeeded' }, results })).toBe('b')
    expect(focusedNode({ nodeStatus: { a: 'succeeded', c: 'running' }, results })).toBe('c')
    expect(focusedNode({ nodeStatus: { a: 'succeeded', c: 'running' }, results }, 'd')).toBe('d')
  })
})
