import type { FakeBot } from './fake-types.ts'
import { checkFeishu, feishuError } from './feishu-rules.ts'
import { startFakeBot } from './start-fake-bot.ts'

export interface FakeFeishuOptions {
  token?: string
  /** Turns on 签名校验 (signature check) with this secret. */
  secret?: string
  keywords?: readonly string[]
  /** The fake's clock for the one-hour timestamp window, in ms. Default `Date.now`. */
  now?: () => number
}

/** A Feishu custom bot on 127.0.0.1; `url` is its webhook address with the token. */
export function startFakeFeishu(options: FakeFeishuOptions = {}): Promise<FakeBot> {
  const token = options.token ?? 'fake-feishu-token'
  const rules = { ...options, token, now: options.now ?? Date.now }
  return startFakeBot({
    webhookPath: `/open-apis/bot/v2/hook/${encodeURIComponent(token)}`,
    check: (request) => checkFeishu(request, rules),
    faultReply: (fault) =>
      fault.kind === 'throttle'
        ? feishuError(11232, 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1500]')
        : fault.kind === 'busy'
          ? // Feishu documents no "busy" code; its gateway answers 503 when a backend is unavailable.
            { status: 503, body: { code: 503, msg: 'service unavailable' } }
          : feishuError(fault.code, fault.message),
  })
}
