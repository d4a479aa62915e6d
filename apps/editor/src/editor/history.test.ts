import { describe, expect, it } from 'vitest'
import { emptyHistory, record, redo, undo } from './history.ts'

const snaps = [0, 1, 2, 3, 4].map(() => ({ nodes: [], edges: [] }))
const snap = (n: number) => snaps[n] as (typeof snaps)[number]

describe('undo history', () => {
  it('undoes and redoes edits in order', () => {
    let h = record(emptyHistory, snap(1), undefined, 0)
    h = record(h, snap(2), undefined, 10)
    const u = undo(h, snap(3))
    expect(u.snapshot).toBe(snap(2))
    expect(u.history.past).toEqual([snap(1)])
    const r = redo(u.history, snap(2))
    expect(r.snapshot).toBe(snap(3))
    expect(r.history.past).toEqual([snap(1), snap(2)])
    expect(r.history.future).toHaveLength(0)
  })

  it('collapses quick edits to the same field into one step, but not edits to different fields', () => {
    let h = record(emptyHistory, snap(1), 'config:a:template', 0)
    h = record(h, snap(2), 'config:a:template', 500)
    h = record(h, snap(3), 'config:a:template', 900)
    expect(h.past).toHaveLength(1)
    h = record(h, snap(4), 'config:a:url', 1000)
    expect(h.past).toHaveLength(2)
  })

  it('forgets what was undone once a new edit is made', () => {
    let h = record(emptyHistory, snap(1), undefined, 0)
    h = undo(h, snap(2)).history
    expect(h.future).toHaveLength(1)
    h = record(h, snap(3), undefined, 5000)
    expect(h.future).toHaveLength(0)
  })
})
