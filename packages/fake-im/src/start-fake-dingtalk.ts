import { checkDingtalk, dingtalkError } from './dingtalk-rules.ts'
import type { FakeBot } from './fake-types.ts'
import { startFakeBot } from './start-fake-bot.ts'

export interface FakeDingtalkOptions {
  accessToken?: string
  /** Turns on 加签 (signing) with this secret. */
  secret?: string
  /** Turns on custom keywords. */
  keywords?: readonly string[]
  /** The fake's clock for the one-hour timestamp window, in ms. Default `Date.now`. */
  now?: () => number
}

/** A DingTalk custom robot on 127.0.0.1; `url` is its webhook address with the access token. */
export function startFakeDingtalk(options: FakeDingtalkOptions = {}): Promise<FakeBot> {
  const accessToken = options.accessToken ?? 'fake-dingtalk-token'
  const rules = { ...options, accessToken, now: options.now ?? Date.now }
  return startFakeBot({
    webhookPath: `/robot/send?access_token=${encodeURIComponent(accessToken)}`,
    check: (request) => checkDingtalk(request, rules),
    faultReply: (fault) =>
      fault.kind === 'throttle'
        ? dingtalkError(130101, 'send too fast, exceed 20 times per minute')
        : fault.kind === 'busy'
          ? dingtalkError(-1, '系统繁忙')
          : dingtalkError(fault.code, fault.message),
  })
}
