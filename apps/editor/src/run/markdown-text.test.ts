import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { MarkdownText } from './markdown-text.tsx'

const render = (text: string) => renderToStaticMarkup(createElement(MarkdownText, { text }))

describe('Markdown in results and drafts', () => {
  it('is shown formatted: headings, emphasis, lists and tables', () => {
    const html = render('# 快讯\n\n**台风**今晚登陆\n\n- 甲\n- 乙\n\n| 列 |\n|---|\n| 值 |')
    expect(html).toContain('<h1>快讯</h1>')
    expect(html).toContain('<strong>台风</strong>')
    expect(html).toContain('<li>甲</li>')
    expect(html).toContain('<td>值</td>')
  })

  it('shows HTML a model wrote as text, never as elements', () => {
    const html = render('台风 <img src=x onerror="alert(1)"> <script>alert(2)</script>')
    expect(html).not.toMatch(/<img|<script/)
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;')
  })

  it('drops script addresses from links, and opens the others apart from the editor', () => {
    expect(render('[点我](javascript:alert(1))')).not.toContain('javascript:')
    expect(render('[来源](https://example.cn/a)')).toContain(
      '<a href="https://example.cn/a" target="_blank" rel="noopener noreferrer">来源</a>',
    )
  })
})
