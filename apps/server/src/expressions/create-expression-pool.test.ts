import { ExpressionError } from '@zhiliu/nodes'
import { afterEach, describe, expect, it } from 'vitest'
import { createExpressionPool, type ExpressionPool } from './create-expression-pool.ts'
import type { ExpressionJob } from './expression-job.ts'

const pools: ExpressionPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

function pool(options: Parameters<typeof createExpressionPool>[0] = {}): ExpressionPool {
  const created = createExpressionPool({ size: 1, ...options })
  pools.push(created)
  return created
}

function jsonata(
  expression: string,
  input: unknown = {},
  timeoutMs = 1000,
  maxSequence?: number,
): ExpressionJob {
  return { kind: 'jsonata', expression, input, options: { timeoutMs, maxSequence } }
}

const limits = { timeoutMs: 1000, limitCode: 'EXPRESSION_LIMIT' }
/** Endless work that holds no memory, stopped by JSONata's own clock after `timeoutMs`. */
const endlessFor = (timeoutMs: number) => jsonata('($f := function($x){ $f($x) }; $f(1))', {}, timeoutMs)
/** Ten seconds of work for JSONata's own clock: only the pool's limit can stop it sooner. */
const endless = endlessFor(10_000)

async function failure(promise: Promise<unknown>): Promise<ExpressionError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof ExpressionError)) throw new Error(`expected an ExpressionError, got ${String(err)}`)
  return err
}

describe('createExpressionPool', () => {
  it('evaluates JSONata and templates in a worker, starting it on the first job', async () => {
    const p = pool()
    expect(p.stats().workers).toBe(0)
    const order = {
      items: [
        { qty: 2, price: 9.5 },
        { qty: 1, price: 20 },
      ],
    }
    expect(await p.run(jsonata('$sum(items.(qty * price))', order), limits)).toBe(39)
    const template = {
      kind: 'template' as const,
      source: 'Hi {{ trigger.body.name }}',
      scope: { trigger: { body: { name: '李雷' } }, nodes: {} },
    }
    expect(await p.run(template, { timeoutMs: 250, limitCode: 'TEMPLATE_LIMIT' })).toBe('Hi 李雷')
    expect(p.stats()).toEqual({ workers: 1, running: 0, queued: 0 })
  })

  it('keeps the evaluator’s typed errors', async () => {
    const err = await failure(pool().run(jsonata('$number("twelve")'), limits))
    expect(err).toMatchObject({ code: 'EXPRESSION_ERROR', message: expect.stringContaining('twelve') })
  })

  it('terminates a worker whose job runs past its limit, fails the job with EXPRESSION_LIMIT and replaces the worker', async () => {
    const p = pool({ graceMs: 0 })
    await p.run(jsonata('1'), limits)
    const err = await failure(p.run(endless, { timeoutMs: 200, limitCode: 'EXPRESSION_LIMIT' }))
    expect(err).toMatchObject({ code: 'EXPRESSION_LIMIT', details: { limit: 'time' } })
    expect(err.message).toMatch(/ran for more than 200 ms and was stopped/)
    expect(p.stats().workers).toBe(0)
    expect(await p.run(jsonata('$uppercase("after")'), limits)).toBe('AFTER')
    expect(p.stats().workers).toBe(1)
  })

  it('retires a worker whose job stopped at JSONata’s own time limit', async () => {
    const p = pool()
    // Endless work that holds no memory: a hundred million numbers kept at once reached the worker's memory limit
    // before JSONata's 300 ms on a fast machine.
    const err = await failure(p.run(endlessFor(300), limits))
    expect(err).toMatchObject({ code: 'EXPRESSION_LIMIT', details: { jsonataCode: 'D1012' } })
    expect(p.stats().workers).toBe(0)
    expect(await p.run(jsonata('1 + 1'), limits)).toBe(2)
  })

  it('stops a job at the worker’s memory limit with EXPRESSION_LIMIT, and the next job runs', async () => {
    const p = pool({ resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } })
    // Ten million numbers in one sequence (the sequence limit raised for it): 80 MB at least, far past 16 MB.
    const hog = jsonata('$count([1..100].([1..100000]))', {}, 60_000, 10_000_000)
    const err = await failure(p.run(hog, { timeoutMs: 60_000, limitCode: 'EXPRESSION_LIMIT' }))
    expect(err).toMatchObject({ code: 'EXPRESSION_LIMIT', details: { limit: 'memory' } })
    expect(err.message).toMatch(/more than the 16 MB of memory allowed/)
    expect(await p.run(jsonata('"still here"'), limits)).toBe('still here')
  })

  it('runs no more jobs at once than its size; the others wait', async () => {
    const p = pool({ size: 2 })
    await Promise.all([p.run(jsonata('1'), limits), p.run(jsonata('2'), limits)])
    let mostRunning = 0
    const jobs = [1, 2, 3, 4, 5].map((n) =>
      p.run(jsonata(`$sum([1..2000].($ * ${n}))`), limits).then((v) => {
        mostRunning = Math.max(mostRunning, p.stats().running)
        return v
      }),
    )
    const { running, queued } = p.stats()
    expect(running).toBeLessThanOrEqual(2)
    expect(running + queued).toBe(5)
    expect(await Promise.all(jobs)).toEqual([1, 2, 3, 4, 5].map((n) => 2001000 * n))
    expect(mostRunning).toBeLessThanOrEqual(2)
    expect(p.stats()).toEqual({ workers: 2, running: 0, queued: 0 })
  })

  it('runs waiting jobs first come, first served', async () => {
    const p = pool({ size: 1 })
    const finished: string[] = []
    const names = ['a', 'b', 'c']
    await Promise.all(
      names.map((name) => p.run(jsonata(`"${name}"`), limits).then((v) => finished.push(String(v)))),
    )
    expect(finished).toEqual(names)
  })

  it('drops a queued job when its signal aborts, and terminates the worker of a running one', async () => {
    const p = pool()
    await p.run(jsonata('"warm"'), limits)
    const running = new AbortController()
    const queued = new AbortController()
    const first = p.run(endless, { ...limits, timeoutMs: 10_000, abort: running })
    const second = p.run(jsonata('"never"'), { ...limits, abort: queued })
    queued.abort(new Error('cancelled while waiting'))
    await expect(second).rejects.toThrow('cancelled while waiting')
    expect(p.stats().queued).toBe(0)
    running.abort(new Error('cancelled while running'))
    await expect(first).rejects.toThrow('cancelled while running')
    expect(p.stats().workers).toBe(0)
    expect(await p.run(jsonata('"next"'), limits)).toBe('next')
  })

  it('fails a job whose data cannot be copied to a worker, and stays usable', async () => {
    const p = pool()
    const err = await failure(p.run(jsonata('$', { f: () => 1 }), limits))
    expect(err.code).toBe('EXPRESSION_ERROR')
    expect(await p.run(jsonata('"ok"'), limits)).toBe('ok')
  })

  it('rejects running and queued jobs on close, and every job after it', async () => {
    const p = pool()
    await p.run(jsonata('"warm"'), limits)
    const running = p.run(endless, { ...limits, timeoutMs: 10_000 })
    const queued = p.run(jsonata('1'), limits)
    const settled = Promise.allSettled([running, queued])
    expect(p.stats()).toMatchObject({ running: 1, queued: 1 })
    await p.close()
    const [first, second] = await settled
    expect(first).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/closed/) } })
    expect(second).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/closed/) } })
    await expect(p.run(jsonata('1'), limits)).rejects.toThrow(/closed/)
    expect(p.stats().workers).toBe(0)
  })
})
