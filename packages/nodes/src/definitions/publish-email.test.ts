import { describe, expect, it } from 'vitest'
import { fakePublisher } from '../publish/fake-publisher.ts'
import { fakeSecrets } from '../publish/fake-secrets.ts'
import { publishEmail } from './publish-email.ts'
import { createTestContext, nodeError, runNode } from './test-context.ts'

const SMTP = {
  host: 'smtp.example.cn',
  port: '',
  secure: 'tls',
  user: 'news',
  password: 'pw-123456',
  from: '东莞新闻 <news@example.cn>',
}

const setup = (fields: Record<string, string> = SMTP) => {
  const publish = fakePublisher()
  const ctx = createTestContext({
    publish,
    idempotencyKey: 'run_1:mail',
    secrets: fakeSecrets({ mail: { type: 'smtp', fields }, bot: { type: 'wecom.bot', fields: {} } }),
  })
  return {
    publish,
    run: (config: Record<string, unknown>) => runNode(publishEmail, config, { inputs: {} }, ctx),
  }
}
const base = { credential: 'mail', to: 'a@example.cn', subject: '要闻', text: '正文' }

describe('publish.email', () => {
  it('sends to every listed address with the credential’s settings, the port from the encryption', async () => {
    const { publish, run } = setup()
    const out = await run({
      ...base,
      to: 'a@example.cn，编辑部 <b@example.cn>\nc@example.cn',
      cc: ['d@example.cn'],
    })
    expect(publish.mails).toEqual([
      {
        key: 'run_1:mail',
        smtp: {
          host: 'smtp.example.cn',
          port: 465,
          secure: 'tls',
          user: 'news',
          password: 'pw-123456',
          from: SMTP.from,
        },
        to: ['a@example.cn', '编辑部 <b@example.cn>', 'c@example.cn'],
        cc: ['d@example.cn'],
        subject: '要闻',
        html: '',
        text: '正文',
      },
    ])
    expect(out).toMatchObject({ platform: 'email', messageId: '<1@example.com>', duplicate: false })
  })

  it('folds line breaks out of the subject, so it cannot add a header', async () => {
    const { publish, run } = setup()
    await run({ ...base, subject: '要闻\r\nBcc: victim@example.com' })
    expect(publish.mails[0]?.subject).toBe('要闻 Bcc: victim@example.com')
  })

  it('sends nothing the second time the same step runs', async () => {
    const { publish, run } = setup()
    await run(base)
    expect(await run(base)).toMatchObject({ duplicate: true })
    expect(publish.mails).toHaveLength(1)
  })

  it('refuses bad recipients, an empty message and too many addresses before opening the credential', async () => {
    const { publish, run } = setup()
    expect(await nodeError(run({ ...base, to: 'not-an-address' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_INVALID',
    })
    expect(await nodeError(run({ ...base, to: '' }))).toMatchObject({ code: 'PUBLISH_CONTENT_EMPTY' })
    expect(await nodeError(run({ ...base, text: '', html: '' }))).toMatchObject({
      code: 'PUBLISH_CONTENT_EMPTY',
    })
    const many = Array.from({ length: 51 }, (_, i) => `u${i}@example.cn`)
    expect(await nodeError(run({ ...base, to: many }))).toMatchObject({ code: 'PUBLISH_CONTENT_INVALID' })
    expect(publish.mails).toEqual([])
  })

  it('names the wrong field of a bad credential without showing its value, and refuses another type', async () => {
    const err = await nodeError(setup({ ...SMTP, from: 'nobody' }).run(base))
    expect(err).toMatchObject({ code: 'CREDENTIAL_INVALID', details: { field: 'from' } })
    expect(await nodeError(setup({ ...SMTP, password: '' }).run(base))).toMatchObject({
      details: { field: 'password' },
    })
    expect(await nodeError(setup({ ...SMTP, port: '99999' }).run(base))).toMatchObject({
      details: { field: 'port' },
    })
    expect(await nodeError(setup().run({ ...base, credential: 'bot' }))).toMatchObject({
      code: 'CREDENTIAL_TYPE_MISMATCH',
    })
  })
})
