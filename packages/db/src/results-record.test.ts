import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { mergeResults, readResults, toStoredResult } from './results-record.ts'

const RUN_START = 1_765_000_000_000
const plain: NodeResult = {
  key: 'upper',
  nodeId: 'upper',
  status: 'succeeded',
  ports: ['out'],
  output: { result: 'A' },
  attempts: 1,
  startedAt: RUN_START + 3,
  finishedAt: RUN_START + 3,
}

describe('a run results record', () => {
  it('stores a plain result as its start offset and output only', () => {
    expect(JSON.stringify(toStoredResult(plain, RUN_START))).toBe('{"t":3,"o":{"result":"A"}}')
  })

  it('keeps what differs from the usual: node id of a loop key, status, ports, attempts, input, error, duration', () => {
    const unusual: NodeResult = {
      key: 'each[2].send',
      nodeId: 'send',
      status: 'failed',
      ports: ['error'],
      input: { config: { to: 'x' } },
      output: null,
      error: { code: 'HTTP_500', message: 'no' },
      attempts: 3,
      startedAt: RUN_START + 10,
      finishedAt: RUN_START + 250,
    }
    const skipped: NodeResult = {
      key: 'later',
      nodeId: 'later',
      status: 'skipped',
      ports: [],
      attempts: 0,
      startedAt: RUN_START + 250,
      finishedAt: RUN_START + 250,
    }
    expect(toStoredResult(skipped, RUN_START)).toEqual({ s: 'skipped', t: 250 })
    const record = mergeResults(null, [skipped, unusual, plain], RUN_START)
    // Read back exactly, in the order the nodes finished (then started, then by key).
    expect(readResults(record, RUN_START)).toEqual([plain, unusual, skipped])
  })

  it('merges by key: a write replaces the keys it carries and keeps every other', () => {
    const waiting: NodeResult = { ...plain, key: 'ask', nodeId: 'ask', status: 'waiting', ports: [] }
    const stored = mergeResults(null, [plain, waiting], RUN_START)
    const decided: NodeResult = { ...waiting, status: 'succeeded', ports: ['out'], finishedAt: RUN_START + 9 }
    expect(readResults(mergeResults(stored, [decided], RUN_START), RUN_START)).toEqual([plain, decided])
  })
})
