import { describe, expect, it } from 'vitest'
import { isRouted } from '../define-node.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'
import { textSafetyCheck } from './text-safety-check.ts'

interface Hit {
  word: string
  text: string
  start: number
  end: number
  category?: string
}
interface Checked {
  ports: readonly string[]
  flagged: boolean
  count: number
  hits: Hit[]
}

async function check(config: Record<string, unknown>): Promise<Checked> {
  const result = await runNode(textSafetyCheck, config)
  if (!isRouted(result)) throw new Error('text.safety-check must route')
  return { ports: result.ports, ...(result.output as Omit<Checked, 'ports'>) }
}
const lists = (words: unknown, category = '') => [{ category, words }]

describe('text.safety-check', () => {
  it('routes clean text to pass and a hit to flagged, reporting where it stands', async () => {
    const clean = await check({ text: '东莞今日晴', lists: lists('违禁词') })
    expect(clean).toMatchObject({ ports: ['pass'], flagged: false, count: 0, hits: [] })
    const text = '标题里有违禁词。'
    const hit = await check({ text, lists: lists('违禁词', '示例') })
    expect(hit).toMatchObject({ ports: ['flagged'], flagged: true, count: 1 })
    expect(hit.hits).toEqual([{ word: '违禁词', text: '违禁词', start: 4, end: 7, category: '示例' }])
  })

  it('sees through spaces, symbols, zero-width characters, full-width forms and case, with original positions', async () => {
    const text =
      'A:敏 感 词;B:敏*感*词;C:敏\u200b感\u3000词;D:ＢＡＤ　ｗｏｒｄ;E:Bad-Word!;F:敏\u0301感\ufe0f词'
    const { hits } = await check({ text, lists: lists('敏感词\nbad word') })
    expect(hits.map((h) => h.text)).toEqual([
      '敏 感 词',
      '敏*感*词',
      '敏\u200b感\u3000词',
      'ＢＡＤ　ｗｏｒｄ',
      'Bad-Word',
      '敏\u0301感\ufe0f词',
    ])
    for (const hit of hits) expect(text.slice(hit.start, hit.end)).toBe(hit.text)
    expect(hits[0]?.word).toBe('敏感词')
    expect(hits[3]?.word).toBe('bad word')
  })

  it('in exact mode matches only identical text', async () => {
    const { hits } = await check({
      text: '敏感词 敏 感 词 ＢＡＤ bad',
      lists: lists('敏感词, bad'),
      mode: 'exact',
    })
    expect(hits.map((h) => [h.text, h.start])).toEqual([
      ['敏感词', 0],
      ['bad', 14],
    ])
  })

  it('matches Latin words only as whole words, so "ass" is not found in "class"', async () => {
    const { hits } = await check({ text: 'class passes; ASS! 1ass a.s.s', lists: lists('ass') })
    expect(hits.map((h) => h.text)).toEqual(['ASS', 'a.s.s'])
  })

  it('keeps only the outer hit of nested words and names the first list that listed a word', async () => {
    const config = {
      text: '依照法律法规处理',
      lists: [
        { category: '法规', words: ['法律法规', '法律'] },
        { category: '其他', words: '法律\n规处' },
      ],
    }
    const { hits, count } = await check(config)
    expect(count).toBe(2)
    expect(hits).toEqual([
      { word: '法律法规', text: '法律法规', start: 2, end: 6, category: '法规' },
      { word: '规处', text: '规处', start: 5, end: 7, category: '其他' },
    ])
  })

  it('reads lists separated by commas, 、 and ；, and the sample list when switched on', async () => {
    const { hits } = await check({
      text: '甲乙丙丁 敏感词',
      lists: lists('甲，乙、丙;丁'),
      sampleWords: true,
    })
    expect(hits.map((h) => [h.word, h.category])).toEqual([
      ['甲', undefined],
      ['乙', undefined],
      ['丙', undefined],
      ['丁', undefined],
      ['敏感词', '示例'],
    ])
  })

  it('refuses to pass text when no word list is filled in', async () => {
    expect((await nodeError(runNode(textSafetyCheck, { text: '任何文字' }))).code).toBe('SAFETY_NO_WORDS')
    const blank = runNode(
      textSafetyCheck,
      { text: 'x', lists: lists(' \n , ') },
      { inputs: {} },
      createTestContext(),
    )
    expect((await nodeError(blank)).code).toBe('SAFETY_NO_WORDS')
  })

  it('checks a 10,000-character text against 5,000 words quickly, finding every planted word', async () => {
    // Deterministic CJK words and filler from separate ranges, so only planted words can match.
    const word = (i: number) =>
      String.fromCharCode(0x4e00 + (i % 500), 0x4e00 + 500 + Math.floor(i / 500), 0x5000 + (i % 97))
    const words = Array.from({ length: 5000 }, (_, i) => word(i))
    const filler = (i: number) => String.fromCharCode(0x6000 + ((i * 7919) % 3000))
    const parts: string[] = []
    const planted: number[] = []
    let length = 0
    for (let i = 0; length < 10_000; i++) {
      if (i % 50 === 25) {
        const w = word((i * 13) % 5000)
        // Every other planted word is disguised with spaces and a zero-width space.
        const disguised = planted.length % 2 ? `${w[0]} ${w[1]}\u200b${w[2]}` : w
        planted.push(length)
        parts.push(disguised)
        length += disguised.length
      } else {
        parts.push(filler(i))
        length += 1
      }
    }
    const text = parts.join('')
    const started = performance.now()
    const result = await check({ text, lists: lists(words) })
    const elapsed = performance.now() - started
    expect(text.length).toBeGreaterThanOrEqual(10_000)
    expect(result.hits.map((h) => h.start)).toEqual(planted)
    expect(elapsed).toBeLessThan(2000)
  })
})
