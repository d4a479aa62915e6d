import { describe, expect, it } from 'vitest'
import { maskSecret } from './mask-secret.ts'

describe('maskSecret', () => {
  it('keeps a vendor prefix and the last four characters of a long secret', () => {
    expect(maskSecret('sk-proj-abcdefghijklmnopa1b2')).toBe('sk-…a1b2')
    expect(maskSecret('ghp_abcdefghijklmnopqrstuvwxyz12')).toBe('ghp_…yz12')
    expect(maskSecret('abcdefghijklmnop1234')).toBe('…1234')
  })

  it('shows nothing of a short secret', () => {
    expect(maskSecret('hunter2')).toBe('…')
    expect(maskSecret('sk-12345678')).toBe('…')
  })
})
