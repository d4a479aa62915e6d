import type { RunEvent } from '@zhiliu/engine'
import type { Flow, NodeChunk } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createLiveRuns, type RunStart } from './live-runs.ts'

const document: Flow = { schemaVersion: 1, name: 'f', nodes: [], edges: [] } as unknown as Flow
const start: RunStart = {
  ownerId: 'u',
  flowId: 'f',
  flowVersion: 1,
  document,
  trigger: 'manual',
  event: {} as RunStart['event'],
}
const chunk = (key: string, channel: NodeChunk['channel'], text: string): RunEvent => ({
  type: 'node.chunk',
  runId: 'r',
  key,
  nodeId: key,
  chunk: { channel, text },
  at: 1,
})

describe('live runs', () => {
  it('buffers consecutive pieces of one node’s stream as one event, keeping the order and every character', () => {
    const live = createLiveRuns()
    const run = live.open('r', start, false, 0)
    const first = chunk('ask', 'reasoning', '先想')
    const events = [
      first,
      chunk('ask', 'reasoning', '一想'),
      chunk('ask', 'text', '答'),
      chunk('ask', 'text', '案'),
      chunk('other', 'text', '别的'),
      chunk('ask', 'progress', '1/2'),
      chunk('ask', 'progress', '2/2'),
      { type: 'node.started', runId: 'r', key: 'x', nodeId: 'x', attempt: 1, at: 2 } as RunEvent,
      chunk('ask', 'text', '又'),
    ]
    for (const event of events) live.record(run, event)
    const replay = run.events.map((e) =>
      e.type === 'node.chunk' ? `${e.key} ${e.chunk.channel} ${e.chunk.text}` : e.type,
    )
    expect(replay).toEqual([
      'ask reasoning 先想一想',
      'ask text 答案',
      'other text 别的',
      'ask progress 1/2',
      'ask progress 2/2',
      'node.started',
      'ask text 又',
    ])
    // Live subscribers already hold the first event: it is replaced in the buffer, never changed.
    expect(first).toMatchObject({ chunk: { text: '先想' } })
  })
})
