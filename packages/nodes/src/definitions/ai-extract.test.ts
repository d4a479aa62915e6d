import { contextWith, demoContext, type FakeOpenAI, startFakeOpenAI } from '@zhiliu/test-models'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { aiExtract } from './ai-extract.ts'
import { nodeError, runNode } from './test-context.ts'

let fake: FakeOpenAI
beforeAll(async () => {
  fake = await startFakeOpenAI()
})
afterAll(() => fake.close())
beforeEach(() => fake.reset())

const fields = [
  { name: 'name', type: 'string', description: '姓名', required: false },
  { name: 'phone', type: 'string', description: '手机号', required: false },
  { name: 'amount', type: 'number', description: '金额（元）', required: false },
]
const letter = '您好，我是王芳，电话 13812345678，想咨询退款事宜。'

describe('ai.extract', () => {
  it('sends only the text as the user message and returns the fields, null where the text is silent', async () => {
    fake.script({ content: '{"name":"王芳","phone":"13812345678","amount":null}' })
    const out = await runNode(aiExtract, { text: letter, fields }, { inputs: {} }, contextWith(fake))
    expect(out).toMatchObject({ data: { name: '王芳', phone: '13812345678', amount: null } })
    const sent = fake.bodyOf(0) as { messages: { role: string; content: string }[] }
    expect(sent.messages.at(-1)).toEqual({ role: 'user', content: letter })
    expect(sent.messages[0]?.content).toMatch(/Never invent/)
  })

  it('adds the extra instructions to the system prompt', async () => {
    fake.script({ content: '{"name":null,"phone":null,"amount":12.5}' })
    await runNode(
      aiExtract,
      { text: '退款 12.5 元', fields, instructions: '金额只写数字。' },
      { inputs: {} },
      contextWith(fake),
    )
    const sent = fake.bodyOf(0) as { messages: { content: string }[] }
    expect(sent.messages[0]?.content).toContain('Never invent.\n金额只写数字。')
  })

  it('refuses to pass on a wrongly typed answer', async () => {
    fake.script({ content: '{"name":1}' }, { content: '{"name":1}' })
    expect(
      (await nodeError(runNode(aiExtract, { text: letter, fields }, { inputs: {} }, contextWith(fake)))).code,
    ).toBe('MODEL_OUTPUT_INVALID')
  })

  it('finds name and phone offline with the demo model', async () => {
    const out = await runNode(
      aiExtract,
      { text: letter, fields: fields.slice(0, 2) },
      { inputs: {} },
      demoContext(),
    )
    expect(out).toMatchObject({ data: { phone: '13812345678' }, provider: 'demo' })
  })
})
