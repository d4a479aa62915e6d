import { describe, expect, it } from 'vitest'
import { byteRange } from './byte-range.ts'

describe('byteRange', () => {
  it('reads a closed, an open-ended and a suffix range', () => {
    expect(byteRange('bytes=0-3', 10)).toEqual({ start: 0, end: 3 })
    expect(byteRange('bytes=4-', 10)).toEqual({ start: 4, end: 9 })
    expect(byteRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 })
  })

  it('clamps an end past the file, and a suffix longer than it', () => {
    expect(byteRange('bytes=8-100', 10)).toEqual({ start: 8, end: 9 })
    expect(byteRange('bytes=-100', 10)).toEqual({ start: 0, end: 9 })
  })

  it('says unsatisfiable for a start past the end and an empty suffix', () => {
    expect(byteRange('bytes=10-', 10)).toBe('unsatisfiable')
    expect(byteRange('bytes=-0', 10)).toBe('unsatisfiable')
  })

  it('ignores what it cannot or need not serve as a range: the whole file is answered', () => {
    for (const header of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'bytes=5-2',
      'items=0-1',
      'bytes=0-1,3-4',
      'bytes=a-b',
    ])
      expect(byteRange(header, 10), String(header)).toBeUndefined()
  })
})
