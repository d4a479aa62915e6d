import { builtinNodes, createRegistry, type Flow } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createRedactor } from '../security/redact.ts'
import { sharedDocument } from './shared-document.ts'

describe('a shared chat app', () => {
  it('leaves out its address and access code, so a copy can be saved and the code stays the owner’s', () => {
    const flow = {
      schemaVersion: 1,
      name: '读者问答',
      nodes: [
        {
          id: 'start',
          type: 'trigger.chat',
          version: 1,
          name: '',
          position: { x: 0, y: 0 },
          config: { slug: 'reader-qa', title: '读者问答', opening: '你好', accessCode: 'news2026' },
          settings: { onError: 'fail' },
        },
      ],
      edges: [],
      settings: { concurrency: 8 },
    } as Flow
    const shared = sharedDocument(flow, createRegistry(builtinNodes), createRedactor())
    expect(shared.nodes[0]?.config).toEqual({ title: '读者问答', opening: '你好' })
  })
})
