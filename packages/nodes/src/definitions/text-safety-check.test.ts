import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isRouted } from '../define-node.ts'
import { MAX_REVIEW_LENGTH } from './safety-model-review.ts'
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

describe('text.safety-check with the AI review', () => {
  let fake: FakeOpenAI
  beforeAll(async () => {
    fake = await startFakeOpenAI()
  })
  afterAll(() => fake.close())
  beforeEach(() => fake.reset())

  const reviewed = async (config: Record<string, unknown>, ctx = contextWith(fake)) => {
    const result = await runNode(textSafetyCheck, config, { inputs: {} }, ctx)
    if (!isRouted(result)) throw new Error('text.safety-check must route')
    const output: Record<string, unknown> = { ports: result.ports, ...(result.output as object) }
    return output
  }
  const text = '本店充电宝质量过硬，欢迎致电张经理 13812345678 咨询。'

  it('asks the model about text the lists let through, and takes its objection to flagged with the reasons', async () => {
    fake.script({ content: '{"safe":false,"reasons":["公开了个人手机号“13812345678”"]}' })
    const out = await reviewed(
      { text, lists: lists('违禁词'), modelReview: true, reviewInstructions: '这是门店广告。' },
      contextWith(fake, 'openai'),
    )
    expect(out).toMatchObject({
      ports: ['flagged'],
      flagged: true,
      count: 0,
      hits: [],
      review: { safe: false, reasons: ['公开了个人手机号“13812345678”'], provider: 'openai' },
    })
    const body = fake.bodyOf(0) as {
      messages: { role: string; content: string }[]
      response_format: { json_schema: { schema: { properties: object; required: string[] } } }
    }
    // The text travels alone as the user's message; the rules and the extra instructions are the system's.
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user'])
    expect(body.messages[1]?.content).toBe(text)
    expect(body.messages[0]?.content).toMatch(/本单位的额外要求：\n这是门店广告。$/)
    expect(body.response_format.json_schema.schema.required).toEqual(['safe', 'reasons'])
  })

  it('passes text the model finds safe, keeping its verdict in the output', async () => {
    fake.script({ content: '{"safe":true,"reasons":[]}' })
    const out = await reviewed({ text: '东莞今日晴', lists: lists('违禁词'), modelReview: true })
    expect(out).toMatchObject({ ports: ['pass'], flagged: false, review: { safe: true, reasons: [] } })
  })

  it('does not ask the model once a listed word is found', async () => {
    const out = await reviewed({ text: '标题里有违禁词', lists: lists('违禁词'), modelReview: true })
    expect(out).toMatchObject({ ports: ['flagged'], flagged: true, count: 1 })
    expect(out.review).toBeUndefined()
    expect(fake.requests).toHaveLength(0)
  })

  it('with the review off (the default) never asks a model and reports exactly what it did before', async () => {
    const out = await reviewed({ text, lists: lists('违禁词') })
    expect(Object.keys(out)).toEqual(['ports', 'flagged', 'count', 'hits', 'text'])
    expect(out).toMatchObject({ ports: ['pass'], flagged: false })
    expect(fake.requests).toHaveLength(0)
  })

  it('may check with the model alone when no list is filled in', async () => {
    fake.script({ content: '{"safe":true,"reasons":[]}' })
    const out = await reviewed({ text: '东莞今日晴', modelReview: true })
    expect(out).toMatchObject({ ports: ['pass'], count: 0, review: { safe: true } })
  })

  it('refuses a text too long to review in one request, before asking the model', async () => {
    const long = '晴'.repeat(MAX_REVIEW_LENGTH + 1)
    const err = await nodeError(
      runNode(textSafetyCheck, { text: long, modelReview: true }, { inputs: {} }, contextWith(fake)),
    )
    expect(err.code).toBe('SAFETY_TEXT_TOO_LONG_FOR_REVIEW')
    expect(fake.requests).toHaveLength(0)
  })

  it('on the demo model, objects to absolute advertising claims and phone numbers the same way every time', async () => {
    const ad = '这款充电宝全网第一，品质国家级！订购请拨 13812345678。'
    const first = await reviewed({ text: ad, modelReview: true }, demoContext())
    expect(first).toMatchObject({ ports: ['flagged'], review: { safe: false, provider: 'demo' } })
    expect(first.review).toMatchObject({
      reasons: [
        '使用了《广告法》禁止的绝对化用语“全网第一”',
        '使用了《广告法》禁止的绝对化用语“国家级”',
        '含有手机号码“13812345678”，发布前请确认已征得本人同意',
      ],
    })
    expect(await reviewed({ text: ad, modelReview: true }, demoContext())).toEqual(first)
    const plain = await reviewed({ text: 'Our power station holds 614Wh.', modelReview: true }, demoContext())
    expect(plain).toMatchObject({ ports: ['pass'], review: { safe: true, reasons: [] } })
  })
})
