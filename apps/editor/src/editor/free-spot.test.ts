import { describe, expect, it } from 'vitest'
import type { CanvasNode } from './flow-mapping.ts'
import { freeSpot } from './free-spot.ts'

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
