import { describe, expect, it } from 'vitest'
import { grownSizes } from './grown-sizes.ts'

const sizes = (entries: Record<string, [number, number]>) =>
  new Map(Object.entries(entries).map(([id, [width, height]]) => [id, { width, height }]))

describe('grownSizes', () => {
  it('asks for a layout the first time the nodes are measured', () => {
    expect(grownSizes(new Map(), sizes({ a: [230, 120] }))).toEqual(sizes({ a: [230, 120] }))
  })

  it('asks for a new layout when a node grows, keeping each node at the largest size it showed at', () => {
    const before = sizes({ a: [230, 120], b: [230, 200] })
    expect(grownSizes(before, sizes({ a: [230, 180], b: [230, 150] }))).toEqual(
      sizes({ a: [230, 180], b: [230, 200] }),
    )
  })

  it('keeps the layout when nodes only shrink (the view zoomed in) or move by a rounding', () => {
    const before = sizes({ a: [230, 120], b: [230, 200] })
    expect(grownSizes(before, sizes({ a: [230, 90], b: [230.5, 200.8] }))).toBeUndefined()
  })

  it('asks for a new layout when a node comes or goes', () => {
    const before = sizes({ a: [230, 120], b: [230, 200] })
    expect(grownSizes(before, sizes({ a: [230, 120] }))).toEqual(sizes({ a: [230, 120] }))
    expect(grownSizes(before, sizes({ a: [230, 120], b: [230, 200], c: [230, 90] }))).toBeDefined()
  })
})
