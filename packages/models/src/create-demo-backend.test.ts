import { crc32, inflateSync } from 'node:zlib'
import type { ChatRequest, NodeChunk } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createModelGateway } from './create-model-gateway.ts'
import { demoProvider } from './default-provider.ts'

const signal = new AbortController().signal
// A fetch that fails the test if anything reaches for the network.
const noNetwork = () => Promise.reject(new Error('the demo model must not use the network'))
const demo = (scripts = {}) =>
  createModelGateway({ resolveProvider: demoProvider, fetch: noNetwork, demo: { chunkDelayMs: 0, scripts } })

const article =
  '请用三句话总结下面的文章：\n杭州今天举行了首届城市马拉松。共有两万名选手参加比赛。男子组冠军成绩为两小时十分。组委会表示明年将扩大规模。'

async function streamed(request: ChatRequest) {
  const chunks: NodeChunk[] = []
  const out = await demo().chat(request, signal, (c) => chunks.push(c))
  return { out, chunks }
}

describe('the offline demo model', () => {
  it('answers deterministically, shaped like a real summary of the input, and streams it', async () => {
    const request = { messages: [{ role: 'user' as const, content: article }] }
    const { out, chunks } = await streamed(request)
    expect(out.text).toBe(
      '这段内容的要点是：杭州今天举行了首届城市马拉松。\n1. 共有两万名选手参加比赛\n2. 男子组冠军成绩为两小时十分\n3. 组委会表示明年将扩大规模\n（原文约 54 字。）',
    )
    expect(chunks.length).toBeGreaterThan(10)
    expect(chunks.map((c) => c.text).join('')).toBe(out.text)
    expect((await streamed(request)).out).toEqual(out)
    expect(out).toMatchObject({ provider: 'demo', model: 'demo-chat', cost: { cny: 0, usd: 0 } })
    expect(out.usage.promptTokens).toBe([...article].length)
  })

  it('uses the script a template names by demoKey, and falls back to a labelled sample answer', async () => {
    const scripted = await demo({ welcome: (input: { prompt: string }) => `欢迎，${input.prompt}！` }).chat(
      { demoKey: 'welcome', messages: [{ role: 'user', content: '韩梅梅' }] },
      signal,
    )
    expect(scripted.text).toBe('欢迎，韩梅梅！')
    const other = await demo().chat({ messages: [{ role: 'user', content: '周末去哪里玩比较好？' }] }, signal)
    expect(other.text).toMatch(/^关于「周末去哪里玩比较好」：这是离线演示模型给出的示例回答/)
  })

  it('thinks aloud on the reasoning channel for demo-reasoner, apart from the answer', async () => {
    const { out, chunks } = await streamed({
      model: 'demo-reasoner',
      messages: [{ role: 'user', content: article }],
    })
    expect(out.reasoning).toMatch(/^先读一遍问题和材料/)
    expect(out.text).not.toContain('先读一遍')
    const firstText = chunks.findIndex((c) => c.channel === 'text')
    expect(chunks.slice(0, firstText).every((c) => c.channel === 'reasoning')).toBe(true)
  })

  it('produces an object that satisfies the requested schema, drawn from the input', async () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', description: '姓名' },
        phone: { type: ['string', 'null'], description: '手机号' },
        age: { type: 'integer', minimum: 0 },
        topics: { type: 'array', items: { type: 'string' } },
        category: {
          type: 'string',
          enum: ['sports', 'finance'],
          description: 'sports: 体育比赛、运动员\nfinance: 股票、银行、经济',
        },
      },
      required: ['name', 'phone', 'age', 'topics', 'category'],
      additionalProperties: false,
    }
    const out = await demo().chat(
      {
        messages: [{ role: 'user', content: '我叫李雷，今年18岁，手机13912345678，周末参加了篮球比赛。' }],
        responseFormat: { type: 'json_schema', name: 'person', schema },
      },
      signal,
    )
    expect(out.data).toEqual({
      name: '李雷',
      phone: '13912345678',
      age: 18,
      topics: ['我叫李雷，今年18岁，手机1391234…'],
      category: 'sports',
    })
  })

  it('stops streaming when the run is cancelled', async () => {
    const controller = new AbortController()
    const gateway = createModelGateway({ resolveProvider: demoProvider, demo: { chunkDelayMs: 5 } })
    const pending = gateway.chat({ messages: [{ role: 'user', content: article }] }, controller.signal)
    setTimeout(() => controller.abort(new Error('cancelled')), 20)
    await expect(pending).rejects.toThrow('cancelled')
  })

  it('draws a real PNG colour card, the same for the same prompt and different for another', async () => {
    const gateway = demo()
    const out = await gateway.image({ prompt: '一只猫', n: 2, size: '300x200' }, signal)
    expect(out).toMatchObject({ provider: 'demo', model: 'demo-image' })
    const [first, second] = out.images.map((i) => readPng(Buffer.from(i.base64 ?? '', 'base64')))
    expect(out.images.map((i) => i.mimeType)).toEqual(['image/png', 'image/png'])
    expect(first).toMatchObject({ width: 300, height: 200, pixelBytes: 200 * (1 + 300 * 3) })
    // The two pictures of one request differ; the same request draws the same pictures again.
    expect(first?.topLeft).not.toEqual(second?.topLeft)
    const again = await gateway.image({ prompt: '一只猫', n: 2, size: '300x200' }, signal)
    expect(again).toEqual(out)
    const other = await gateway.image({ prompt: '一只狗', size: '300x200' }, signal)
    expect(other.images[0]?.base64).not.toBe(out.images[0]?.base64)
    const huge = await gateway.image({ prompt: 'x', size: '9000x10' }, signal)
    expect(readPng(Buffer.from(huge.images[0]?.base64 ?? '', 'base64'))).toMatchObject({
      width: 1024,
      height: 64,
    })
  })

  it('speaks a short valid WAV, and transcribes its own recordings back to their text', async () => {
    const gateway = demo()
    const spoken = await gateway.speech({ input: '今天多云转晴。', format: 'mp3' }, signal)
    expect(spoken).toMatchObject({ provider: 'demo', model: 'demo-speech', mimeType: 'audio/wav' })
    const audio = Buffer.from(spoken.audio)
    expect(audio.toString('ascii', 0, 4)).toBe('RIFF')
    expect(audio.readUInt32LE(4)).toBe(audio.length - 8)
    expect(audio.toString('ascii', 8, 16)).toBe('WAVEfmt ')
    expect(audio.readUInt16LE(20)).toBe(1) // PCM
    const seconds = dataSeconds(audio)
    expect(seconds).toBeGreaterThanOrEqual(0.5)
    expect(seconds).toBeLessThanOrEqual(4)
    expect((await gateway.speech({ input: '今天多云转晴。' }, signal)).audio).toEqual(spoken.audio)

    const heard = await gateway.transcribe(
      { audio: spoken.audio, mimeType: 'audio/wav', filename: 'a.wav' },
      signal,
    )
    // The length is read from the recording's header; the demo model is free, by the minute too.
    expect(heard).toEqual({
      text: '今天多云转晴。',
      language: 'zh',
      model: 'demo-transcribe',
      provider: 'demo',
      durationSeconds: seconds,
      cost: { cny: 0, usd: 0 },
    })
    const other = await gateway.transcribe(
      {
        audio: new Uint8Array([0xff, 0xfb, 1, 2]),
        mimeType: 'audio/mpeg',
        filename: 'a.mp3',
        language: 'en',
      },
      signal,
    )
    expect(other).toMatchObject({ text: expect.stringContaining('4 字节'), language: 'en' })
  })
})

/** Checks every chunk's CRC and inflates the pixels: a PNG a decoder would accept, not just its signature. */
function readPng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const chunks: Record<string, Buffer> = {}
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at)
    const body = png.subarray(at + 4, at + 8 + length)
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(body))
    chunks[body.toString('ascii', 0, 4)] = body.subarray(4)
    at += 12 + length
  }
  const header = chunks.IHDR ?? Buffer.alloc(13)
  const pixels = inflateSync(chunks.IDAT ?? Buffer.alloc(0))
  expect(chunks).toHaveProperty('IEND')
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    pixelBytes: pixels.length,
    topLeft: [...pixels.subarray(1, 4)],
  }
}

/** The length of a WAV's data chunk in seconds (8 kHz, 16-bit mono). */
function dataSeconds(wav: Buffer): number {
  const at = wav.indexOf('data', 12, 'ascii')
  return wav.readUInt32LE(at + 4) / 2 / 8000
}
