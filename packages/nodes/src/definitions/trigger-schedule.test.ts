import { describe, expect, it } from 'vitest'
import { runNode } from './test-context.ts'
import { triggerSchedule } from './trigger-schedule.ts'

describe('trigger.schedule', () => {
  it('defaults to every day at 9:00 Beijing time, skipping missed slots', () => {
    expect(triggerSchedule.config.parse({})).toEqual({
      cron: '0 9 * * *',
      timezone: 'Asia/Shanghai',
      missed: 'skip',
    })
  })

  it('accepts five-part cron expressions and nicknames', () => {
    for (const cron of ['*/30 * * * *', '0 9 * * 1-5', '0 0 1 * *', '@daily']) {
      expect(triggerSchedule.config.safeParse({ cron }).success).toBe(true)
    }
  })

  it('refuses malformed cron and second-level schedules, saying why', () => {
    const result = triggerSchedule.config.safeParse({ cron: '61 * * * *' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({
      path: ['cron'],
      message: expect.stringContaining('minute'),
    })
    expect(triggerSchedule.config.safeParse({ cron: '*/5 * * * * *' }).success).toBe(false)
    expect(triggerSchedule.config.safeParse({ cron: 'every morning' }).success).toBe(false)
  })

  it('refuses unknown time zones', () => {
    expect(triggerSchedule.config.safeParse({ timezone: 'Europe/Berlin' }).success).toBe(true)
    expect(triggerSchedule.config.safeParse({ timezone: 'Mars/Olympus' }).success).toBe(false)
  })

  it('outputs the slot time it fired for and an empty body', async () => {
    const event = { body: undefined, firedAt: '2025-05-01T01:00:00.000Z' }
    expect(await runNode(triggerSchedule, {}, { inputs: {}, event })).toEqual({
      body: {},
      headers: {},
      query: {},
      method: '',
      firedAt: '2025-05-01T01:00:00.000Z',
    })
  })
})
