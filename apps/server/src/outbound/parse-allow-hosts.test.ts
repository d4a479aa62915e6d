import { describe, expect, it } from 'vitest'
import { createTrustCheck } from './create-trust-check.ts'
import { parseAllowHosts } from './parse-allow-hosts.ts'

describe('parseAllowHosts', () => {
  it('reads comma-separated host and host:port entries, normalised like URL hostnames', () => {
    expect(parseAllowHosts(' LocalHost:8080, ,api.internal,2130706433:9000,[::1]:80 ')).toEqual([
      'localhost:8080',
      'api.internal',
      '127.0.0.1:9000',
      '[::1]:80',
    ])
  })

  it('is empty when the variable is unset', () => {
    expect(parseAllowHosts(undefined)).toEqual([])
  })

  it('refuses entries that are URLs or paths rather than hosts', () => {
    expect(() => parseAllowHosts('http://x.internal')).toThrow(/not a host or host:port/)
    expect(() => parseAllowHosts('x.internal/path')).toThrow(/not a host or host:port/)
  })
})

describe('createTrustCheck', () => {
  const isTrusted = createTrustCheck(['ollama.lan', '127.0.0.1:80'], ['http://127.0.0.1:11434/v1'])

  it.each([
    ['http://ollama.lan:1234/api', true],
    ['http://127.0.0.1/', true],
    ['https://127.0.0.1/', false],
    ['http://127.0.0.1:11434/api/chat', true],
    ['https://127.0.0.1:11434/', false],
    ['http://127.0.0.1:8080/', false],
  ])('%s trusted: %s', (url, expected) => {
    expect(isTrusted(new URL(url))).toBe(expected)
  })
})
