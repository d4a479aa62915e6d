import { describe, expect, it } from 'vitest'
import { newRunId, RUN_ID_LENGTH } from './new-run-id.ts'

describe('a new run id', () => {
  it('is 26 lowercase base32 characters (128 random bits), shorter than a uuid and never the same twice', () => {
    const ids = Array.from({ length: 10_000 }, newRunId)
    for (const id of ids) expect(id).toMatch(/^[0-9a-v]{26}$/)
    expect(RUN_ID_LENGTH).toBeLessThan(36)
    expect(new Set(ids).size).toBe(ids.length)
    // Every position varies: the padding of a small number must not show as a constant prefix.
    expect(new Set(ids.map((id) => id[0])).size).toBeGreaterThan(4)
  })

  it('holds 128 bits: the first digit 0–7 (two bits of padding), every later digit any of the 32', () => {
    const ids = Array.from({ length: 2_000 }, newRunId)
    expect(new Set(ids.map((id) => id[0]))).toEqual(new Set('01234567'))
    expect(new Set(ids.flatMap((id) => [...id.slice(1)])).size).toBe(32)
  })
})
