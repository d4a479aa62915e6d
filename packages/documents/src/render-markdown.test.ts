import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './render-markdown.ts'

/** What must never reach a page: anything a browser would run. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<style|<svg|<form|<meta|<base|<link/i)
  expect(html).not.toMatch(/\son\w+\s*=/i)
  // Inert text may say "javascript:"; no attribute may hold it.
  expect(html).not.toMatch(/=\s*["']?\s*(javascript|vbscript|data:text)/i)
  expect(html).not.toMatch(/style\s*=|expression\s*\(/i)
}

describe('renderMarkdown', () => {
  it('renders headings, emphasis, lists, tables, code and links as clean HTML', () => {
    const html = renderMarkdown(
      '## 要闻\n\n**暴雨**预警\n\n- 一\n- 二\n\n| 区 | 雨量 |\n|:--|--:|\n| 莞城 | 50 |\n\n```js\nx()\n```\n\n[来源](https://example.com/a)',
    )
    expect(html).toContain('<h2>要闻</h2>')
    expect(html).toContain('<strong>暴雨</strong>')
    expect(html).toContain('<li>一</li>')
    expect(html).toContain('<td align="right">50</td>')
    expect(html).toContain('<code class="language-js">')
    expect(html).toContain('<a href="https://example.com/a" rel="nofollow noopener noreferrer">来源</a>')
  })

  it.each([
    ['a script block', '<script>alert(1)</script>正文'],
    ['a script hidden in a paragraph', '前文 <script src="https://evil.example/x.js"></script> 后文'],
    ['an event attribute on an image', '<img src="https://x.example/a.png" onerror="alert(1)">'],
    ['an event attribute without quotes', '<img src=x onerror=alert(1)//>'],
    ['a javascript: Markdown link', '[点我](javascript:alert(1))'],
    ['an encoded javascript: link', '<a href="jav&#x61;script:alert(1)">x</a>'],
    ['a javascript: link with spaces and case', '<a href=" JaVaScRiPt:alert(1)">x</a>'],
    ['a javascript: image', '![x](javascript:alert(1))'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['a style expression', '<p style="width: expression(alert(1))">x</p>'],
    ['a style element', '<style>body{background:url(javascript:alert(1))}</style>'],
    ['an SVG with a script', '<svg><script>alert(1)</script></svg>'],
    ['an SVG onload', '<svg onload="alert(1)"></svg>'],
    ['a data: HTML link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
    ['a data: SVG image', '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">'],
    ['a form', '<form action="https://evil.example"><input name="p"></form>'],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
    ['an object', '<object data="https://evil.example/x.swf"></object>'],
    ['a broken-up tag', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
    ['a Markdown autolink to javascript:', '<javascript:alert(1)>'],
  ])('lets nothing runnable through: %s', (_, markdown) => {
    expectInert(renderMarkdown(markdown))
  })

  it('keeps the harmless parts around what it removes', () => {
    expect(renderMarkdown('前文<script>alert(1)</script>后文')).toContain('前文')
    expect(renderMarkdown('<img src="https://x.example/a.png" onerror="alert(1)" alt="图">')).toBe(
      '<img alt="图" src="https://x.example/a.png" />',
    )
  })

  it('keeps https and inline raster images but drops http ones, which a https page would block anyway', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo='
    expect(renderMarkdown(`![a](${png})`)).toContain(`src="${png}"`)
    expect(renderMarkdown('![a](http://x.example/a.png)')).not.toContain('src=')
  })
})
