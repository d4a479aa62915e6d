import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'

const MAX_MS = 3_600_000

export const utilDelay = defineNode({
  type: 'util.delay',
  version: 1,
  category: 'flow',
  title: t('等待', 'Wait'),
  description: t(
    '暂停一段时间再继续，例如避免过快调用外部接口，或等对方系统处理完。',
    'Pauses before going on, e.g. to pace calls to an outside service or give it time to finish.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    ms: field(z.int().min(0).max(MAX_MS).default(1000), {
      widget: 'number',
      label: t('等待时长（毫秒）', 'Wait (milliseconds)'),
      help: t('1000 毫秒 = 1 秒，最长 1 小时。', '1000 ms is one second; at most one hour.'),
    }),
  }),
  output: z.object({ waitedMs: z.int(), value: z.unknown() }),
  // The engine's default per-node timeout is shorter than the longest allowed wait.
  timeoutMs: MAX_MS + 60_000,
  sideEffects: false,
  async run({ config, inputs }, ctx) {
    await ctx.clock.sleep(config.ms, ctx.signal)
    return { waitedMs: config.ms, value: inputs.in }
  },
})
