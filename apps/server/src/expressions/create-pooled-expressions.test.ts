import { ExpressionError, renderConfigWith } from '@zhiliu/nodes'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createExpressionPool } from './create-expression-pool.ts'
import { createPooledExpressions } from './create-pooled-expressions.ts'

const pool = createExpressionPool({ size: 1 })
afterAll(() => pool.close())
// A budget of 1 ms sends anything but the quickest evaluations to the pool.
const expressions = createPooledExpressions(pool, 1)

/** Resolves with 'loop' if a timer set now fires before `work` settles: the event loop was not held. */
async function firstToFinish(work: Promise<unknown>): Promise<'loop' | 'work'> {
  const loop = new Promise<'loop'>((resolve) => setTimeout(() => resolve('loop'), 20))
  return Promise.race([
    loop,
    work.then(
      () => 'work' as const,
      () => 'work' as const,
    ),
  ])
}

/** The shared pool, counting the jobs it is given. */
function countingPool() {
  const jobs: string[] = []
  const counting = {
    ...pool,
    run: (...args: Parameters<typeof pool.run>) => {
      jobs.push('run')
      return pool.run(...args)
    },
  }
  return { counting, jobs }
}

describe('createPooledExpressions: JSONata', () => {
  it('evaluates ordinary expressions on the calling thread, without starting a worker', async () => {
    const fresh = createExpressionPool({ size: 1 })
    // A budget no pause of a busy machine can exceed, so only the work decides.
    const result = await createPooledExpressions(fresh, 200).evaluate('$uppercase(name) & "!"', {
      name: 'li',
    })
    expect(result).toBe('LI!')
    expect(fresh.stats().workers).toBe(0)
    await fresh.close()
  })

  it('answers a small expression without timing it: the CPU clock is read only for what JSONata evaluates', async () => {
    let reads = 0
    // A budget no pause of a busy machine can exceed, so only a cut by the work itself could read the clock twice.
    const counted = createPooledExpressions(pool, 200, () => {
      reads++
      return 0
    })
    expect(await counted.evaluate('result + 1', { result: 41 })).toBe(42)
    expect(await counted.evaluate('$uppercase(a.b)', { a: { b: 'x' } })).toBe('X')
    expect(reads).toBe(0)
    // Outside the fast path (a function it does not cover; an array, which JSONata maps over): timed as before.
    expect(await counted.evaluate('$string(result)', { result: 1 })).toBe('1')
    expect(await counted.evaluate('result + 1', [{ result: 1 }])).toBe(2)
    expect(reads).toBe(2)
  })

  it('fails other limits on the calling thread, as before', async () => {
    const fresh = createExpressionPool({ size: 1 })
    await expect(
      createPooledExpressions(fresh, 200).evaluate('$count([1..20])', {}, { maxSequence: 10 }),
    ).rejects.toMatchObject({ code: 'EXPRESSION_LIMIT', details: { jsonataCode: 'D2015' } })
    expect(fresh.stats().workers).toBe(0)
    await fresh.close()
  })

  it('finishes an expression that outlasts the budget in a worker, with its full limit and bindings', async () => {
    const result = await expressions.evaluate('$sum([1..20000].($ * $k))', {}, { bindings: { k: 2 } })
    expect(result).toBe(400_020_000)
    expect(pool.stats().workers).toBe(1)
  })

  it('sends an expression that ran past the budget straight to the pool for a while, even with small input', async () => {
    const { counting, jobs } = countingPool()
    const remembering = createPooledExpressions(counting, 1)
    const square = '($n := n; $count([1..$n].([1..$n])))'
    expect(await remembering.evaluate(square, { n: 300 })).toBe(90_000)
    expect(await remembering.evaluate(square, { n: 2 })).toBe(4)
    expect(jobs).toHaveLength(2)
    expect(await remembering.evaluate('$count([1..n])', { n: 2 })).toBe(2)
    expect(jobs).toHaveLength(2)
  })

  it('does not remember an expression cut by a pause of its thread rather than by its own work', async () => {
    // `$pause()` blocks the thread for 30 ms without using CPU, as a host that deschedules the process would.
    let pauses = 0
    const pause = () => {
      pauses++
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30)
      return 1
    }
    const jobs: string[] = []
    const answering = {
      ...pool,
      run: async () => {
        jobs.push('run')
        return 'from the pool'
      },
    }
    // The process's CPU clock held still: no other thread's work can make the pause look like computing.
    const paused = createPooledExpressions(answering, 5, () => 0)
    expect(await paused.evaluate('$pause() + 1', {}, { bindings: { pause } })).toBe('from the pool')
    expect(jobs).toHaveLength(1)
    // Not remembered as slow: the next call runs on the loop again (and, quick this time, is answered there).
    const quick = () => {
      pauses++
      return 1
    }
    expect(await paused.evaluate('$pause() + 1', {}, { bindings: { pause: quick } })).toBe(2)
    expect(pauses).toBe(2)
    expect(jobs).toHaveLength(1)
  })

  it('brings a remembered expression back to the event loop once the pool answers it within the budget', async () => {
    const { counting, jobs } = countingPool()
    // A budget generous enough for any round trip to a warm worker, and far short of the bomb's full second.
    const remembering = createPooledExpressions(counting, 200)
    const maybeBomb = '$count([1..$n].([1..$n]))'
    // Twice: on a loaded machine the first cut may come with less CPU used than the budget (see evaluate).
    for (let i = 0; i < 2; i++) {
      await expect(remembering.evaluate(maybeBomb, {}, { bindings: { n: 10_000 } })).rejects.toMatchObject({
        code: 'EXPRESSION_LIMIT',
      })
    }
    expect(await remembering.evaluate(maybeBomb, {}, { bindings: { n: 3 } })).toBe(9)
    expect(await remembering.evaluate(maybeBomb, {}, { bindings: { n: 3 } })).toBe(9)
    expect(jobs).toHaveLength(3)
  })

  it('keeps the event loop free while a bomb runs to its limit, and fails it with EXPRESSION_LIMIT', async () => {
    const bomb = Promise.resolve(expressions.evaluate('$count([1..10000].([1..10000]))', {}))
    const caught = bomb.catch((err: unknown) => err)
    expect(await firstToFinish(bomb)).toBe('loop')
    const err = await caught
    expect(err).toBeInstanceOf(ExpressionError)
    // Stopped by JSONata's own clock, or by the pool if a busy machine delayed the worker's answer past the grace.
    expect(err).toMatchObject({ code: 'EXPRESSION_LIMIT' })
    expect(await expressions.evaluate('$sum([1..20000])', {})).toBe(200_010_000)
  })
})

describe('createPooledExpressions: templates', () => {
  const schema = z.object({ text: z.string(), list: z.array(z.string()) })
  const scope = { trigger: { body: { name: '李雷' } }, nodes: { a: { n: 3 } } }

  it('renders templates that outlast the budget in a worker and the rest here, each in its place', async () => {
    const config = {
      text: '{% for i in (1..50) %}{{ i | modulo: 10 }}{% endfor %}',
      list: ['{{ trigger.body.name }}', '{{ nodes.a.n | plus: 1 }}'],
    }
    const sent: Array<{ source: string; scope: unknown }> = []
    const watched = {
      ...expressions,
      renderTemplate: (source: string, narrow: typeof scope, abort?: { signal: AbortSignal }) => {
        sent.push({ source, scope: narrow })
        return expressions.renderTemplate(source, narrow, abort)
      },
    }
    const rendered = await renderConfigWith(config, schema, scope, watched)
    // The slow one went to the pool with only what it reads (on a busy machine a quick one may have gone too).
    expect(sent).toContainEqual({ source: config.text, scope: { nodes: {} } })
    expect(rendered.list).toEqual(['李雷', 4])
    expect(rendered.text).toHaveLength(50)
    expect(String(rendered.text).slice(0, 12)).toBe('123456789012')
  })

  it('gives a template it rendered for being slow no budget for a while, and others the usual one', async () => {
    const fresh = createPooledExpressions(pool, 5)
    const slow = '{% for a in nodes.a.items %}{% for b in nodes.a.items %}{% endfor %}{% endfor %}'
    const items = Array.from({ length: 100_000 }, (_, i) => i)
    expect(fresh.templateBudgetMs(slow)).toBe(5)
    await expect(fresh.renderTemplate(slow, { nodes: { a: { items } } })).rejects.toMatchObject({
      code: 'TEMPLATE_LIMIT',
    })
    expect(fresh.templateBudgetMs(slow)).toBe(0)
    expect(fresh.templateBudgetMs('{{ trigger.body }}')).toBe(5)
  })

  it('never renders a template that builds a range here: one range is one step no budget can cut short', () => {
    const roomy = createPooledExpressions(pool, 200)
    expect(roomy.templateBudgetMs('{% for i in (1..nodes.a.n) %}{{ i }}{% endfor %}')).toBe(0)
    expect(roomy.templateBudgetMs('{{ nodes.a.n | plus: 1 }}')).toBe(200)
  })

  it('returns the config without a promise when every template fits the budget', () => {
    // A budget no busy machine could make this template miss.
    const roomy = createPooledExpressions(pool, 200)
    const rendered = renderConfigWith({ text: 'Hi {{ trigger.body.name }}', list: [] }, schema, scope, roomy)
    expect(rendered).toEqual({ text: 'Hi 李雷', list: [] })
  })

  it('keeps the event loop free while a template bomb runs, and fails it with TEMPLATE_LIMIT naming the field', async () => {
    const config = {
      text: 'ok',
      list: ['{% for a in (1..100000) %}{% for b in (1..100000) %}{% endfor %}{% endfor %}'],
    }
    const rendering = Promise.resolve(renderConfigWith(config, schema, scope, expressions))
    const caught = rendering.catch((err: unknown) => err)
    expect(await firstToFinish(rendering)).toBe('loop')
    expect(await caught).toMatchObject({
      code: 'TEMPLATE_LIMIT',
      message: expect.stringMatching(/^list\[0\]: Template exceeded a limit/),
      details: { field: 'list[0]', limit: 'time' },
    })
  })
})
