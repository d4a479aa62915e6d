import { describe, expect, it } from 'vitest'
import { markdownPage } from './page-document.ts'

const headings = (html: string) => [...html.matchAll(/<h1>([^<]*)<\/h1>/g)].map((m) => m[1])

describe('a published page', () => {
  it('shows the headline once when the article starts with the same headline as its title', () => {
    const html = markdownPage({
      title: '松山湖 3 条线路 & “试运营”',
      body: '# 松山湖 3 条线路 & “试运营”\n\n本报讯 …',
    })
    expect(headings(html)).toEqual(['松山湖 3 条线路 &amp; “试运营”'])
    expect(html).toContain('<p>本报讯 …</p>')
  })

  it('keeps a first heading that says something else', () => {
    const html = markdownPage({ title: '测验：第一课', body: '# 本课要点\n\n…' })
    expect(headings(html)).toEqual(['测验：第一课', '本课要点'])
  })
})
