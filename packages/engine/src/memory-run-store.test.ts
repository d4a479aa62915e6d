import { describe, expect, it } from 'vitest'
import { createMemoryRunStore } from './memory-run-store.ts'
import type { NodeResult } from './run-store.ts'

const result = (key: string, status: NodeResult['status']): NodeResult => ({
  key,
  nodeId: key,
  status,
  ports: [],
  attempts: 1,
  startedAt: 0,
  finishedAt: 1,
})

describe('createMemoryRunStore', () => {
  it('keeps the latest result per node key, in first-recorded order, and the outcome', async () => {
    const store = createMemoryRunStore()
    await store.createRun({ id: 'r', event: { body: {} }, status: 'running', startedAt: 0 })
    await store.saveResults('r', [result('a', 'succeeded'), result('b', 'failed')])
    await store.finishRun('r', { status: 'succeeded', finishedAt: 2 }, [
      result('b', 'succeeded'),
      result('c', 'skipped'),
    ])
    expect((await store.loadNodeResults('r')).map((r) => [r.key, r.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
      ['c', 'skipped'],
    ])
    expect(store.runs.get('r')?.record.status).toBe('succeeded')
  })

  it('refuses to record into a run it never created, and to create a run twice', async () => {
    const store = createMemoryRunStore()
    await expect(store.saveResults('ghost', [result('a', 'succeeded')])).rejects.toThrow(/ghost/)
    await store.createRun({ id: 'r', event: { body: {} }, status: 'running', startedAt: 0 })
    await expect(
      store.createRun({ id: 'r', event: { body: {} }, status: 'running', startedAt: 0 }),
    ).rejects.toThrow()
  })
})
