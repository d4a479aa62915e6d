import { describe, expect, it } from 'vitest'
import { tooClose } from '../editor/free-spot.ts'
import { connectedGroups, type LayoutEdge, type LayoutNode, layoutFlow, MAX_COLUMNS } from './layout-flow.ts'

const node = (id: string): LayoutNode => ({ id, width: 230, height: 100, outputs: ['out'] })
const edge = (source: string, target: string): LayoutEdge => ({
  id: `${source}-${target}`,
  source,
  sourceHandle: 'out',
  target,
})

describe('自动排列 (auto-layout)', () => {
  const nodes = ['a', 'b', 'c', 'lonely', 'd', 'e'].map(node)
  const edges = [edge('a', 'b'), edge('b', 'c'), edge('e', 'd')]

  it('finds the groups of connected nodes, in the order they first appear', () => {
    expect(connectedGroups(nodes, edges).map((g) => g.map((n) => n.id))).toEqual([
      ['a', 'b', 'c'],
      ['lonely'],
      ['d', 'e'],
    ])
  })

  it('puts connected nodes left to right with visible room for the arrow between them', async () => {
    const at = await layoutFlow(nodes, edges)
    const a = at.get('a')
    const b = at.get('b')
    expect(a && b && b.x - (a.x + 230)).toBeGreaterThanOrEqual(80)
    expect(a?.y).toBe(b?.y)
  })

  it('never lines an unconnected node up with a chain: each group gets rows of its own, and nothing overlaps', async () => {
    const at = await layoutFlow(nodes, edges)
    const box = (id: string) => ({ ...(at.get(id) ?? { x: NaN, y: NaN }), width: 230, height: 100 })
    const chainBottom = Math.max(...['a', 'b', 'c'].map((id) => box(id).y + 100))
    expect(box('lonely').y).toBeGreaterThanOrEqual(chainBottom + 48)
    expect(box('d').y).toBeGreaterThanOrEqual(box('lonely').y + 100 + 48)
    const ids = nodes.map((n) => n.id)
    for (const x of ids)
      for (const y of ids) if (x < y) expect(tooClose(box(x), box(y), 40), `${x} ${y}`).toBe(false)
  })

  it('wraps a chain longer than four steps onto rows below, each starting at the left, none touching another', async () => {
    const ids = ['s1', 's2', 's3', 's4', 's5', 's6', 's7']
    const chain = ids.map(node)
    const at = await layoutFlow(
      chain,
      ids.slice(1).map((id, i) => edge(ids[i] as string, id)),
    )
    const box = (id: string) => ({ ...(at.get(id) ?? { x: NaN, y: NaN }), width: 230, height: 100 })
    const rows = [ids.slice(0, MAX_COLUMNS), ids.slice(MAX_COLUMNS)]
    expect(MAX_COLUMNS).toBe(4)
    for (const row of rows) {
      expect(new Set(row.map((id) => box(id).y)).size, row.join()).toBe(1)
      for (let i = 1; i < row.length; i++)
        expect(box(row[i] as string).x).toBeGreaterThan(box(row[i - 1] as string).x + 230 + 40)
    }
    expect(box('s5').x).toBe(box('s1').x)
    expect(box('s5').y).toBeGreaterThanOrEqual(box('s1').y + 100 + 48)
    for (const x of ids)
      for (const y of ids) if (x < y) expect(tooClose(box(x), box(y), 40), `${x} ${y}`).toBe(false)
  })
})
