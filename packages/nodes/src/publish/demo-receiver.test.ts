import { describe, expect, it } from 'vitest'
import { publishDingtalk } from '../definitions/publish-dingtalk.ts'
import { publishEmail } from '../definitions/publish-email.ts'
import { publishFeishu } from '../definitions/publish-feishu.ts'
import { publishWecom } from '../definitions/publish-wecom.ts'
import { createTestContext, runNode } from '../definitions/test-context.ts'
import { DEMO_RECEIVER } from './demo-receiver.ts'
import { fakePublisher } from './fake-publisher.ts'

// The test context's fetch and secrets throw when used: a demo send that reached for either would fail here.
const demoContext = () => {
  const publish = fakePublisher()
  return { publish, ctx: createTestContext({ publish }) }
}

describe('the 演示接收端 (demo receiver) in place of a real credential', () => {
  it('keeps a DingTalk Markdown message, titled, without a bot or a network', async () => {
    const { publish, ctx } = demoContext()
    const config = {
      credential: DEMO_RECEIVER,
      msgtype: 'markdown',
      title: '停水通知',
      content: '**明天** 9 点停水',
    }
    const out = await runNode(publishDingtalk, config, { inputs: {} }, ctx)
    expect(publish.demos).toEqual([
      {
        key: ctx.idempotencyKey,
        runId: ctx.runId,
        channel: 'dingtalk',
        title: '停水通知',
        body: '**明天** 9 点停水',
        format: 'markdown',
      },
    ])
    expect(out).toMatchObject({ platform: 'dingtalk', response: { demo: true, duplicate: false } })
  })

  it('keeps a Feishu text message as plain text, untitled', async () => {
    const { publish, ctx } = demoContext()
    const config = { credential: DEMO_RECEIVER, msgtype: 'text', title: '不显示', content: '今晚 8 点直播' }
    const out = await runNode(publishFeishu, config, { inputs: {} }, ctx)
    expect(publish.demos.map((d) => [d.channel, d.title, d.body, d.format])).toEqual([
      ['feishu', '', '今晚 8 点直播', 'text'],
    ])
    expect(out).toMatchObject({ platform: 'feishu', response: { demo: true } })
  })

  it('keeps a WeCom message and an e-mail too, each once per node execution', async () => {
    const { publish, ctx } = demoContext()
    const wecom = { credential: DEMO_RECEIVER, msgtype: 'markdown', content: '## 快讯' }
    await runNode(publishWecom, wecom, { inputs: {} }, ctx)
    const again = await runNode(publishWecom, wecom, { inputs: {} }, ctx)
    expect(again).toMatchObject({ response: { demo: true, duplicate: true } })
    const mail = { credential: DEMO_RECEIVER, to: 'team@example.com', subject: '周报', text: '本周三件事' }
    const { publish: mailbox, ctx: mailCtx } = demoContext()
    const sent = await runNode(publishEmail, mail, { inputs: {} }, mailCtx)
    expect(publish.demos.map((d) => [d.channel, d.body, d.format])).toEqual([
      ['wecom', '## 快讯', 'markdown'],
    ])
    expect(mailbox.demos.map((d) => [d.channel, d.title, d.body, d.format])).toEqual([
      ['email', '周报', '本周三件事', 'text'],
    ])
    expect(sent).toMatchObject({ platform: 'email', accepted: ['team@example.com'], rejected: [] })
  })
})
