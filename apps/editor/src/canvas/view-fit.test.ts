import { describe, expect, it } from 'vitest'
import { needsRefit } from './view-fit.ts'

const view = { width: 800, height: 600 }

describe('refitting the canvas after a change of size', () => {
  it('leaves a flow that still shows whole, clear of the mini map, where it is', () => {
    expect(needsRefit({ x: 60, y: 50, width: 500, height: 300 }, view)).toBe(false)
  })

  it('fits again when nodes stick out of the canvas on any side', () => {
    expect(needsRefit({ x: 60, y: 50, width: 900, height: 300 }, view)).toBe(true)
    expect(needsRefit({ x: -10, y: 50, width: 200, height: 300 }, view)).toBe(true)
    expect(needsRefit({ x: 60, y: 50, width: 200, height: 600 }, view)).toBe(true)
  })

  it('fits again when nodes reach under the mini map in the bottom right corner', () => {
    expect(needsRefit({ x: 60, y: 50, width: 700, height: 520 }, view)).toBe(true)
  })
})
