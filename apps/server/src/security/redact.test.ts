import { describe, expect, it } from 'vitest'
import { createRedactor, REDACTED } from './redact.ts'

describe('createRedactor', () => {
  it('replaces known secrets wherever they appear inside strings, at any depth', () => {
    const redactor = createRedactor()
    redactor.add('sk-live-123456', 'pa55word')
    const event = {
      url: 'https://api.example.com/v1?key=sk-live-123456',
      steps: [{ log: 'login with pa55word then pa55word again' }, 42, null],
    }
    expect(redactor.redact(event)).toEqual({
      url: `https://api.example.com/v1?key=${REDACTED}`,
      steps: [{ log: `login with ${REDACTED} then ${REDACTED} again` }, 42, null],
    })
    expect(event.url).toContain('sk-live-123456')
  })

  it('replaces the longer of two overlapping secrets whole, and percent-encoded forms too', () => {
    const redactor = createRedactor()
    redactor.add('abcd', 'abcdefgh', 'k+y/9=')
    expect(redactor.redact('abcdefgh abcd k%2By%2F9%3D')).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`)
  })

  it('ignores secrets shorter than 4 characters so ordinary words survive', () => {
    const redactor = createRedactor()
    redactor.add('abc')
    expect(redactor.redact('abc abc')).toBe('abc abc')
  })

  it('redacts values of secret-looking keys whatever their case, but not token counts', () => {
    const redactor = createRedactor()
    const headers = { Authorization: 'Bearer x', 'X-API-Key': 'k', Cookie: 'c', accept: 'json' }
    const config = {
      password: 'p',
      client_secret: 's',
      accessToken: 't',
      apiKey: 'k',
      privateKey: { pem: '…' },
    }
    const usage = { promptTokens: 10, maxTokens: 100, passwordHint: 'hint', secret: '', token: null }
    expect(redactor.redact({ headers, config, usage })).toEqual({
      headers: { Authorization: REDACTED, 'X-API-Key': REDACTED, Cookie: REDACTED, accept: 'json' },
      config: {
        password: REDACTED,
        client_secret: REDACTED,
        accessToken: REDACTED,
        apiKey: REDACTED,
        privateKey: REDACTED,
      },
      usage,
    })
  })

  it('returns the very same value when nothing needed redacting, and shares untouched branches', () => {
    const redactor = createRedactor()
    const clean = { a: [1, 'two', { three: 3 }], b: { c: 'd' } }
    expect(redactor.redact(clean)).toBe(clean)
    redactor.add('secret-value')
    const mixed = { keep: clean, leak: 'secret-value' }
    const out = redactor.redact(mixed) as typeof mixed
    expect(out.keep).toBe(clean)
    expect(out.leak).toBe(REDACTED)
  })

  it('redacts secrets quoted in an Error message and stack', () => {
    const redactor = createRedactor()
    redactor.add('sk-live-123456')
    const out = redactor.redact({ err: new Error('401 for key sk-live-123456') }) as {
      err: Record<string, string>
    }
    expect(out.err.message).toBe(`401 for key ${REDACTED}`)
    expect(out.err.stack).not.toContain('sk-live-123456')
  })

  it('survives cycles and leaves class instances alone', () => {
    const redactor = createRedactor()
    const cyclic: Record<string, unknown> = { name: 'loop', token: 'x' }
    cyclic.self = cyclic
    const date = new Date(0)
    expect(redactor.redact({ cyclic, date })).toEqual({
      cyclic: { name: 'loop', token: REDACTED, self: '[Circular]' },
      date,
    })
  })
})
