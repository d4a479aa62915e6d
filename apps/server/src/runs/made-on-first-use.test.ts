import { describe, expect, it } from 'vitest'
import { madeOnFirstUse } from './made-on-first-use.ts'

interface Greeter {
  greet(name: string): string
  wave?(): string
}

describe('madeOnFirstUse', () => {
  it('makes nothing until a method is called, then makes the service once and calls it as itself', () => {
    let made = 0
    const greeter = madeOnFirstUse<Greeter>(
      () => {
        made++
        return {
          prefix: 'hello',
          greet(this: { prefix: string }, name: string) {
            return `${this.prefix} ${name}`
          },
        } as Greeter
      },
      { greet: true, wave: true },
    )
    expect(made).toBe(0)
    expect(greeter.greet('ada')).toBe('hello ada')
    expect(greeter.greet('alan')).toBe('hello alan')
    expect(made).toBe(1)
  })

  it('fails the call of an optional method the made service does not have', () => {
    const greeter = madeOnFirstUse<Greeter>(() => ({ greet: (n) => n }), { greet: true, wave: true })
    expect(() => greeter.wave?.()).toThrow('wave is not available here')
  })

  it('makes the service again on the next call when making it failed', () => {
    let attempts = 0
    const greeter = madeOnFirstUse<Greeter>(
      () => {
        if (++attempts === 1) throw new Error('not yet')
        return { greet: (n) => n }
      },
      { greet: true, wave: true },
    )
    expect(() => greeter.greet('x')).toThrow('not yet')
    expect(greeter.greet('y')).toBe('y')
  })
})
