import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'

describe('loadConfig', () => {
  it('stores in the SQLite file unless DATABASE_URL names a PostgreSQL database', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined()
    expect(loadConfig({ DATABASE_URL: ' ' }).databaseUrl).toBeUndefined()
    const url = 'postgres://zhiliu:pw@db.internal:5432/zhiliu'
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/zhiliu' }).databaseUrl).toBe('postgresql://db/zhiliu')
  })

  it('refuses a DATABASE_URL of another kind, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/zhiliu' })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ DATABASE_URL: './zhiliu.db' })).toThrow(/DATABASE_URL/)
  })

  it('shares state through Redis only when REDIS_URL is set, under ZHILIU_REDIS_PREFIX (default zhiliu)', () => {
    // Several processes share Redis only together with one database and one master key (see queue mode).
    const shared = { DATABASE_URL: 'postgres://db/zhiliu', ZHILIU_SECRET: 'a-secret-of-sixteen-chars' }
    expect(loadConfig({}).redis).toBeUndefined()
    expect(loadConfig({ ...shared, REDIS_URL: 'redis://cache:6379/2' }).redis).toEqual({
      url: 'redis://cache:6379/2',
      prefix: 'zhiliu',
    })
    expect(
      loadConfig({ ...shared, REDIS_URL: 'rediss://cache', ZHILIU_REDIS_PREFIX: 'school-a' }).redis?.prefix,
    ).toBe('school-a')
    expect(() => loadConfig({ ...shared, REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/)
    expect(() => loadConfig({ ...shared, REDIS_URL: 'redis://cache', ZHILIU_REDIS_PREFIX: 'a b' })).toThrow(
      /ZHILIU_REDIS_PREFIX/,
    )
  })

  it('runs everything in this process without Redis unless REDIS_URL turns queue mode on', () => {
    expect(loadConfig({})).toMatchObject({ role: 'all', queue: undefined })
    const queued = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'postgres://db/zhiliu',
      ZHILIU_SECRET: 'a-secret-of-sixteen-chars',
      ZHILIU_ROLE: 'worker',
    })
    expect(queued).toMatchObject({
      role: 'worker',
      queue: { redisUrl: 'redis://127.0.0.1:6379', prefix: 'zhiliu' },
    })
  })

  it('refuses queue mode without a shared database or master key, and a role without Redis, naming the variable', () => {
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379' }
    const secret = { ZHILIU_SECRET: 'a-secret-of-sixteen-chars' }
    expect(() => loadConfig({ ...redis, ...secret })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ ...redis, DATABASE_URL: 'postgres://db/zhiliu' })).toThrow(/ZHILIU_SECRET/)
    expect(() => loadConfig({ ZHILIU_ROLE: 'api' })).toThrow(/REDIS_URL/)
    expect(() => loadConfig({ ZHILIU_ROLE: 'boss' })).toThrow(/ZHILIU_ROLE/)
  })
})
