import { afterEach, describe, expect, it } from 'vitest'
import { createTestRedis } from '../test-support/test-redis.ts'
import { checkAccessCode, createChatLimits } from './chat-limits.ts'

const redis = createTestRedis()
afterEach(() => redis.cleanup())

describe('chat limits', () => {
  it('counts one visitor across processes sharing Redis, apart from other visitors and apps', async () => {
    const processA = createChatLimits(await redis.link())
    const processB = createChatLimits(await redis.link())
    await processA.take('app', '10.0.0.1', 2)
    await processB.take('app', '10.0.0.1', 2)
    await expect(processA.take('app', '10.0.0.1', 2)).rejects.toMatchObject({
      status: 429,
      code: 'CHAT_RATE_LIMITED',
    })
    await processB.take('app', '10.0.0.2', 2)
    await processB.take('other-app', '10.0.0.1', 2)
  })

  it('takes any number of questions when the limit is 0', async () => {
    const limits = createChatLimits()
    for (let i = 0; i < 50; i++) await limits.take('app', 'v', 0)
  })

  it('lets everyone in without a code, and only the right code in with one', () => {
    checkAccessCode('', undefined)
    checkAccessCode('读者2026', '读者2026')
    expect(() => checkAccessCode('读者2026', undefined)).toThrow(
      expect.objectContaining({ code: 'CHAT_ACCESS_CODE' }),
    )
    expect(() => checkAccessCode('读者2026', '读者2025')).toThrow(expect.objectContaining({ status: 401 }))
  })
})
