import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type MailRequest, NodeError, type SmtpSettings } from '@zhiliu/nodes'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type FakeSmtp, startFakeSmtp } from '../../test-support/start-fake-smtp.ts'
import { createTestPublishing, type TestPublishing } from '../test-publisher.ts'

const LOGIN = { user: 'newsroom', password: 'smtp-pass-1' }
let smtp: FakeSmtp
let dir: string
let t: TestPublishing

beforeAll(async () => {
  smtp = await startFakeSmtp(LOGIN)
})
afterAll(() => smtp.close())
beforeEach(async () => {
  smtp.received.length = 0
  smtp.answers.length = 0
  smtp.unknownMailboxes.clear()
  dir = await mkdtemp(join(tmpdir(), 'zhiliu-mail-'))
  // Loopback is private: only an allow-listed relay may be reached, exactly as in production.
  t = await createTestPublishing(dir, { allowHosts: ['127.0.0.1'] })
})
afterEach(async () => {
  t.store.close()
  await rm(dir, { recursive: true, force: true })
})

const settings = (overrides: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1',
  port: smtp.port,
  secure: 'none',
  ...LOGIN,
  from: '东莞新闻 <news@dg.example.cn>',
  ...overrides,
})
const mail = (overrides: Partial<MailRequest> = {}): MailRequest => ({
  key: 'run_1:mail',
  smtp: settings(),
  to: ['editor@dg.example.cn'],
  cc: ['desk@dg.example.cn'],
  subject: '【今日要闻】暴雨预警',
  html: '<p>今晚有<b>暴雨</b></p>',
  text: '今晚有暴雨',
  ...overrides,
})
const send = (request = mail(), signal = new AbortController().signal) =>
  t.publisher().sendMail(request, signal)
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the send to fail')
    },
    (err: unknown) => {
      if (!(err instanceof NodeError)) throw err
      return err
    },
  )

describe('sendMail over SMTP', () => {
  it('logs in and delivers HTML and text with a Message-ID derived from the key, to every recipient', async () => {
    const receipt = await send()
    expect(smtp.received).toHaveLength(1)
    const [got] = smtp.received
    expect(got).toMatchObject({
      from: 'news@dg.example.cn',
      rcptTo: ['editor@dg.example.cn', 'desk@dg.example.cn'],
      user: 'newsroom',
      text: '今晚有暴雨',
      html: '<p>今晚有<b>暴雨</b></p>',
    })
    expect(got?.headers.subject).toBe('【今日要闻】暴雨预警')
    expect(got?.headers.cc).toBe('desk@dg.example.cn')
    expect(got?.headers['message-id']).toMatch(/^<[0-9a-f]{32}@dg\.example\.cn>$/)
    expect(receipt).toEqual({
      messageId: got?.headers['message-id'],
      accepted: ['editor@dg.example.cn', 'desk@dg.example.cn'],
      rejected: [],
      duplicate: false,
    })
  })

  it('answers a repeated key from the record and sends nothing more; another key sends again', async () => {
    const first = await send()
    expect(await send(mail({ subject: 'changed on retry' }))).toEqual({ ...first, duplicate: true })
    expect(smtp.received).toHaveLength(1)
    const other = await send(mail({ key: 'run_1:loop[1].mail' }))
    expect(other.messageId).not.toBe(first.messageId)
    expect(smtp.received).toHaveLength(2)
  })

  it('retries a 4xx answer to the message, and the retry delivers it once', async () => {
    smtp.answers.push({ code: 451, message: 'Try again later' })
    expect(await failure(send())).toMatchObject({ code: 'PUBLISH_RETRY_LATER', retryable: true })
    expect(smtp.received).toHaveLength(0)
    expect((await send()).duplicate).toBe(false)
    expect(smtp.received).toHaveLength(1)
  })

  it('fails for good on a 5xx refusal, naming the server’s reason', async () => {
    smtp.answers.push({ code: 554, message: 'Message rejected as spam' })
    const err = await failure(send())
    expect(err).toMatchObject({ code: 'PUBLISH_REFUSED', retryable: false })
    expect(err.message).toContain('Message rejected as spam')
  })

  it('never sends twice when the line broke after the message went over: the retry refuses instead', async () => {
    smtp.answers.push('drop')
    expect(await failure(send())).toMatchObject({ code: 'PUBLISH_OUTCOME_UNKNOWN', retryable: false })
    const again = await failure(send())
    expect(again).toMatchObject({ code: 'PUBLISH_OUTCOME_UNKNOWN', retryable: false })
    expect(again.message).toContain('Message-ID <')
    expect(smtp.received).toHaveLength(1)
  })

  it('reports a wrong password as a credential problem, sends nothing, and lets the fixed step send', async () => {
    const err = await failure(send(mail({ smtp: settings({ password: 'wrong' }) })))
    expect(err).toMatchObject({ code: 'CREDENTIAL_INVALID', retryable: false })
    expect(err.message).not.toContain('wrong')
    expect(smtp.received).toHaveLength(0)
    expect((await send()).duplicate).toBe(false)
    expect(smtp.received).toHaveLength(1)
  })

  it('lists recipients the server refused, and fails when it refused them all', async () => {
    smtp.unknownMailboxes.add('desk@dg.example.cn')
    expect(await send()).toMatchObject({
      accepted: ['editor@dg.example.cn'],
      rejected: ['desk@dg.example.cn'],
    })
    smtp.unknownMailboxes.add('editor@dg.example.cn')
    expect(await failure(send(mail({ key: 'run_2:mail' })))).toMatchObject({
      code: 'PUBLISH_REFUSED',
      retryable: false,
    })
  })

  it('refuses to log in without TLS when the credential asks for STARTTLS, so the password never goes out plain', async () => {
    const err = await failure(send(mail({ smtp: settings({ secure: 'starttls' }) })))
    expect(err).toMatchObject({ code: 'PUBLISH_TLS_FAILED', retryable: false })
    expect(smtp.received).toHaveLength(0)
  })

  it('treats a refused connection as not sent and retryable', async () => {
    const closed = await freePort()
    expect(await failure(send(mail({ smtp: settings({ port: closed }) })))).toMatchObject({
      code: 'PUBLISH_NETWORK',
      retryable: true,
    })
  })

  it('blocks a private or loopback mail server that ZHILIU_ALLOW_HOSTS does not list', async () => {
    const strict = await createTestPublishing(await mkdtemp(join(dir, 'strict-')))
    const blocked = (host: string) =>
      failure(strict.publisher().sendMail(mail({ smtp: settings({ host }) }), new AbortController().signal))
    for (const host of ['127.0.0.1', 'localhost', '10.0.0.5', '2130706433', '::1']) {
      expect({ host, code: (await blocked(host)).code }).toEqual({ host, code: 'OUTBOUND_BLOCKED' })
    }
    expect(smtp.received).toHaveLength(0)
    strict.store.close()
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return typeof address === 'object' && address ? address.port : 1
}
