import { describe, expect, it } from 'vitest'
import type { CanvasNode } from './flow-mapping.ts'
import { freeSpot, pasteOffset, tooClose } from './free-spot.ts'

const at = (x: number, y: number): CanvasNode => ({
  id: `n${x}_${y}`,
  type: 'flow',
  position: { x, y },
  measured: { width: 230, height: 90 },
  data: { type: 'text.template', version: 1, name: '', config: {}, settings: { onError: 'fail' } },
})

describe('a free spot for a clicked-in node', () => {
  it('is the wanted place when it is empty', () => {
    expect(freeSpot({ x: 0, y: 0 }, [at(600, 600)])).toEqual({ x: 0, y: 0 })
  })

  it('moves down past nodes in the way, then to the next column', () => {
    expect(freeSpot({ x: 0, y: 0 }, [at(0, 0)])).toEqual({ x: 0, y: 114 })
    const column = [0, 114, 228, 342, 456, 570].map((y) => at(0, y))
    expect(freeSpot({ x: 0, y: 0 }, column)).toEqual({ x: 278, y: 0 })
  })
})

describe('where pasted nodes land', () => {
  const box = (n: CanvasNode, d = { x: 0, y: 0 }) => ({
    x: n.position.x + d.x,
    y: n.position.y + d.y,
    width: 230,
    height: 90,
  })

  it('clear of every node, the copied ones included, and near them', () => {
    const copied = [at(0, 0), at(300, 0)]
    const canvas = [...copied, at(0, 200)]
    const offset = pasteOffset(copied, canvas)
    for (const pasted of copied)
      for (const other of canvas) expect(tooClose(box(pasted, offset), box(other), 0), other.id).toBe(false)
    expect(Math.abs(offset.x) + Math.abs(offset.y)).toBeLessThan(800)
  })
})
