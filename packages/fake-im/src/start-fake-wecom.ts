import type { FakeBot } from './fake-types.ts'
import { startFakeBot } from './start-fake-bot.ts'
import { checkWecom, wecomError } from './wecom-rules.ts'

export interface FakeWecomOptions {
  /** The bot's key, the `key=` of its webhook address. */
  key?: string
}

/** A WeCom group bot on 127.0.0.1; `url` is its webhook address with the key. */
export function startFakeWecom(options: FakeWecomOptions = {}): Promise<FakeBot> {
  const key = options.key ?? 'fake-wecom-key'
  return startFakeBot({
    webhookPath: `/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`,
    check: (request) => checkWecom(request, key),
    faultReply: (fault) =>
      fault.kind === 'throttle'
        ? wecomError(45009, 'api freq out of limit')
        : fault.kind === 'busy'
          ? wecomError(-1, 'system busy')
          : wecomError(fault.code, fault.message),
  })
}
