import { describe, expect, it } from 'vitest'
import { isStorageFull } from './storage-full.ts'

/** An error as a driver throws it: a message and a `code` property. */
const driverError = (code: string) => Object.assign(new Error('could not write'), { code })

describe('isStorageFull', () => {
  it("reads SQLite's SQLITE_FULL and PostgreSQL's disk_full (53100), also wrapped as drizzle wraps a query's error", () => {
    expect(isStorageFull(driverError('SQLITE_FULL'))).toBe(true)
    expect(isStorageFull(driverError('53100'))).toBe(true)
    expect(isStorageFull(new Error('Failed query: insert …', { cause: driverError('53100') }))).toBe(true)
  })

  it('is false for every other failure, whatever its message says', () => {
    expect(isStorageFull(driverError('SQLITE_BUSY'))).toBe(false)
    // 53200 is out of memory, 53300 too many connections: nothing freeing disk space would cure.
    expect(isStorageFull(driverError('53200'))).toBe(false)
    expect(isStorageFull(new Error('database or disk is full'))).toBe(false)
    expect(isStorageFull('SQLITE_FULL')).toBe(false)
    expect(isStorageFull(undefined)).toBe(false)
  })
})
