import { describe, expect, it } from 'vitest'
import { backoffDelay, MAX_BACKOFF_MS } from './backoff.ts'

describe('backoffDelay', () => {
  const policy = { maxAttempts: 10, backoffMs: 100 }

  it('doubles the ceiling after every failed attempt and draws below it', () => {
    const half = () => 0.5
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(policy, attempt, half))).toEqual([50, 100, 200, 400])
  })

  it('uses full jitter: a draw of 0 waits not at all, a draw just under 1 waits almost the whole ceiling', () => {
    expect(backoffDelay(policy, 3, () => 0)).toBe(0)
    expect(backoffDelay(policy, 3, () => 0.999)).toBe(399)
  })

  it('never waits longer than 30 s however many attempts have failed', () => {
    expect(backoffDelay({ maxAttempts: 10, backoffMs: 60_000 }, 9, () => 0.999_999)).toBeLessThan(
      MAX_BACKOFF_MS,
    )
    expect(backoffDelay(policy, 20, () => 0.5)).toBe(MAX_BACKOFF_MS / 2)
  })

  it('waits at least as long as the service asked with Retry-After, but never past the ceiling', () => {
    const policy = { maxAttempts: 3, backoffMs: 100 }
    expect(backoffDelay(policy, 1, () => 0.5, 2_000)).toBe(2_000)
    expect(backoffDelay(policy, 1, () => 0.5, 10)).toBe(50)
    expect(backoffDelay(policy, 1, () => 0.5, 10 * 60_000)).toBe(MAX_BACKOFF_MS)
  })
})
