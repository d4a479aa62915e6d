import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BombTarget, fireBombs, startBombTarget } from './expression-bombs.ts'

let dataDir: string
let target: BombTarget
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-bombs-'))
  target = await startBombTarget({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
}, 60_000)
afterAll(async () => {
  await target?.server.stop('SIGKILL')
  await rm(dataDir, { recursive: true, force: true })
})

describe('expression bombs against a real server process', () => {
  // Each bomb holds an evaluator for its full second; on a busy 2-core machine 20 of them take a while in a small pool.
  it('keeps answering /healthz while 20 bombs run, and fails every bomb call with EXPRESSION_LIMIT', async () => {
    const bombs = fireBombs(target, 20)
    let anyBombAnswered = false
    void Promise.race(bombs).then(() => {
      anyBombAnswered = true
    })
    let allAnswered = false
    const answers = Promise.all(bombs).finally(() => {
      allAnswered = true
    })
    // While the event loop evaluated the bombs itself, /healthz waited behind each one: at most a request or two
    // got in before the first bomb's answer. Off the event loop, it answers throughout.
    let healthyBeforeFirstBomb = 0
    while (!allAnswered) {
      const res = await fetch(`${target.server.url}/healthz`)
      expect(res.status).toBe(200)
      if (!anyBombAnswered) healthyBeforeFirstBomb++
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(healthyBeforeFirstBomb).toBeGreaterThanOrEqual(5)
    for (const answer of await answers) {
      expect(answer).toMatchObject({
        status: 500,
        body: { error: { code: 'RUN_FAILED', details: { nodeId: 'bomb', cause: 'EXPRESSION_LIMIT' } } },
      })
    }
    // Still serving flows after the storm.
    const health = await fetch(`${target.server.url}/healthz`)
    expect(health.status).toBe(200)
  }, 240_000)
})
