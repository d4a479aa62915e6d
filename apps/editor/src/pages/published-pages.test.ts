import type { NodeResult } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { publishedPagesIn } from './published-pages.ts'

const node = (nodeId: string, status: NodeResult['status'], output: unknown) =>
  ({
    nodeId,
    key: nodeId,
    status,
    output,
    ports: ['out'],
    attempts: 1,
    startedAt: 0,
    finishedAt: 0,
    durationMs: 0,
  }) as NodeResult & { durationMs: number }

describe('the pages an approved run published', () => {
  it('links each page a publish step made on this server, absolute, and nothing else', () => {
    const nodes = [
      node('page', 'succeeded', { url: '/p/台风预警', slug: '台风预警' }),
      node('http', 'succeeded', { url: 'https://example.com/api' }),
      node('script', 'succeeded', { url: 'javascript:alert(1)' }),
      node('failed', 'failed', { url: '/p/other' }),
    ]
    expect(publishedPagesIn({ nodes }, 'http://localhost:3000')).toEqual([
      `http://localhost:3000/p/${encodeURIComponent('台风预警')}`,
    ])
  })
})
