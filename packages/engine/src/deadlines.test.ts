import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDeadlines, type Expiring } from './deadlines.ts'

describe('createDeadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const entry = (inMs: number, log: string[], name: string): Expiring => ({
    deadline: Date.now() + inMs,
    expire: () => log.push(`${name}@${Date.now() - start}`),
  })
  let start = 0

  it('expires each entry at its own deadline, earliest first, whatever the order they were added in', () => {
    start = Date.now()
    const log: string[] = []
    const deadlines = createDeadlines()
    deadlines.add(entry(300, log, 'slow'))
    deadlines.add(entry(100, log, 'fast'))
    deadlines.add(entry(200, log, 'middle'))
    vi.advanceTimersByTime(1000)
    expect(log).toEqual(['fast@100', 'middle@200', 'slow@300'])
  })

  it('never expires an entry removed before its deadline', () => {
    start = Date.now()
    const log: string[] = []
    const deadlines = createDeadlines()
    const done = entry(100, log, 'done')
    deadlines.add(done)
    deadlines.add(entry(150, log, 'hung'))
    vi.advanceTimersByTime(50)
    deadlines.remove(done)
    vi.advanceTimersByTime(1000)
    expect(log).toEqual(['hung@150'])
  })

  it('keeps one timer for many entries and none after dispose', () => {
    const deadlines = createDeadlines()
    for (let i = 0; i < 100; i++) deadlines.add(entry(1000 + i, [], `n${i}`))
    expect(vi.getTimerCount()).toBe(1)
    deadlines.dispose()
    expect(vi.getTimerCount()).toBe(0)
  })
})
