import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FakeBot, FakeFault, FakeReply, ReceivedRequest } from './fake-types.ts'
import { readRequest } from './read-request.ts'

export interface Verdict {
  reply: FakeReply
  /** True when the platform would have posted the message to the group. */
  accepted: boolean
}

export interface FakeBotSpec {
  /** The webhook's path and query, key included, e.g. `/robot/send?access_token=abc`. */
  webhookPath: string
  /** Checks the request the way the platform does. */
  check(request: ReceivedRequest): Verdict
  /** The platform's answer to a scripted fault that is not a bare status or a delay. */
  faultReply(fault: Extract<FakeFault, { kind: 'throttle' | 'busy' | 'code' }>): FakeReply
}

/** Unref'd, so a scripted delay never keeps a test process alive after the fake closed. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/** The shared server of the fake bots: real HTTP on 127.0.0.1, a request log, scripted faults. */
export async function startFakeBot(spec: FakeBotSpec): Promise<FakeBot> {
  const requests: ReceivedRequest[] = []
  const delivered: unknown[] = []
  const faults: FakeFault[] = []

  async function answer(request: ReceivedRequest, res: ServerResponse): Promise<void> {
    let fault = faults.shift()
    if (fault?.kind === 'delay') {
      await sleep(fault.ms)
      fault = undefined
    }
    if (fault?.kind === 'hang') return // the socket stays open until the client gives up or the fake closes
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain' })
      return void res.end(fault.body ?? `status ${fault.status}`)
    }
    const verdict: Verdict = fault ? { reply: spec.faultReply(fault), accepted: false } : spec.check(request)
    if (verdict.accepted) delivered.push(request.body)
    res.writeHead(verdict.reply.status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(verdict.reply.body))
  }

  const server = createServer((req, res) => {
    res.on('error', () => {}) // a client that gave up must not crash the fake
    readRequest(req)
      .then((request) => {
        requests.push(request)
        return answer(request, res)
      })
      .catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(err))
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}${spec.webhookPath}`,
    origin,
    requests,
    delivered,
    script: (...more) => void faults.push(...more),
    reset() {
      requests.length = 0
      delivered.length = 0
      faults.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
