import { CronPattern } from 'croner'
import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { outPort } from './ports.ts'
import { TriggerOutput, toTriggerOutput } from './trigger-output.ts'

/** Croner's message for a bad pattern, or undefined. Five fields only: per-second schedules would flood the run log. */
function cronProblem(cron: string): string | undefined {
  try {
    new CronPattern(cron.trim(), undefined, { mode: '5-part' })
    return undefined
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const config = z.object({
  cron: field(
    z
      .string()
      .superRefine((cron, ctx) => {
        const problem = cronProblem(cron)
        if (problem) ctx.addIssue({ code: 'custom', message: `not a valid schedule: ${problem}` })
      })
      .default('0 9 * * *'),
    {
      widget: 'text',
      template: false,
      label: t('执行时间（cron）', 'When (cron)'),
      placeholder: t('0 9 * * 1-5', '0 9 * * 1-5'),
      help: t(
        '五段依次是：分 时 日 月 星期。例如 0 9 * * 1-5 表示工作日早上 9 点，*/30 * * * * 表示每 30 分钟。',
        'Five parts: minute hour day month weekday. 0 9 * * 1-5 is 9:00 on weekdays; */30 * * * * is every 30 minutes.',
      ),
    },
  ),
  timezone: field(z.string().refine(isTimeZone, 'unknown time zone').default('Asia/Shanghai'), {
    widget: 'text',
    template: false,
    label: t('时区', 'Time zone'),
    placeholder: t('Asia/Shanghai', 'Asia/Shanghai'),
    help: t(
      '按哪个地区的时间计算，默认北京时间。',
      'Whose clock the schedule follows; Beijing time by default.',
    ),
  }),
  missed: field(z.enum(['skip', 'runOnce']).default('skip'), {
    widget: 'select',
    label: t('错过的时间点', 'Missed times'),
    help: t(
      '服务器停机期间错过的执行时间如何处理。',
      'What happens to the times that passed while the server was down.',
    ),
    options: {
      skip: t('跳过，等下一个时间点', 'Skip them; wait for the next one'),
      runOnce: t('恢复后补跑一次', 'Run once when the server is back'),
    },
  }),
})

export const triggerSchedule = defineNode({
  type: 'trigger.schedule',
  version: 1,
  category: 'trigger',
  title: t('定时触发', 'Schedule'),
  description: t(
    '按设定的时间自动启动流程，例如每天早上 9 点汇总新闻。',
    'Starts the flow on a timetable, say every morning at 9 to gather the news.',
  ),
  inputs: [],
  outputs: [outPort],
  config,
  output: TriggerOutput,
  sideEffects: false,
  async run({ event }, ctx) {
    // The scheduler sets firedAt to the slot the run is for, which is what a "daily digest" flow wants to know.
    return toTriggerOutput(event?.body ?? {}, event, ctx)
  },
})
