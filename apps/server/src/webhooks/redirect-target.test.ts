import { describe, expect, it } from 'vitest'
import { isSafeRedirectTarget } from './redirect-target.ts'

describe('a Respond node’s redirect target', () => {
  it.each([
    'https://example.cn/thanks',
    'http://example.cn:8080/a?b=1#c',
    'HTTPS://EXAMPLE.CN',
    '/p/thanks',
    '/',
    '/p/a?next=//evil.com',
  ])('may be an http(s) URL or a path on this site: %s', (target) => {
    expect(isSafeRedirectTarget(target)).toBe(true)
  })

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.cn/',
    '//evil.com',
    '///evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    '/\t/evil.com',
    'https:evil.com',
    'https:/evil.com',
    'https://',
    'thanks.html',
    '?next=1',
    ' /p/a',
    '/p/\u00a0a',
    '',
  ])('is refused otherwise: %j', (target) => {
    expect(isSafeRedirectTarget(target)).toBe(false)
  })
})
