import { Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { TalliedHistogram } from './tallied-histogram.ts'

const buckets = [0.001, 0.01, 0.1, 1]
const observations: Array<[string, string, number]> = [
  ['data.transform', 'succeeded', 0.0004],
  ['data.transform', 'succeeded', 0.001],
  ['data.transform', 'succeeded', 0.05],
  ['data.transform', 'failed', 0.2],
  ['http.request', 'succeeded', 3],
  ['http.request', 'succeeded', 0.01],
]

/** Each sample line as `name{sorted labels} value`, so that label order does not matter. */
function samples(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([^{ ]+)(?:\{(.*)\})? (.+)$/.exec(line)
      if (!match) throw new Error(`not a sample: ${line}`)
      const labels = (match[2] ?? '').split(',').filter(Boolean).sort().join(',')
      return `${match[1]}{${labels}} ${Number(match[3])}`
    })
    .sort()
}

describe('TalliedHistogram', () => {
  it('exposes exactly the series prom-client’s own histogram gives for the same observations', async () => {
    const theirs = new Registry()
    const ours = new Registry()
    const config = { name: 'node_seconds', help: 'h', labelNames: ['type', 'status'] as const, buckets }
    const reference = new Histogram({ ...config, registers: [theirs] })
    const tallied = new TalliedHistogram({ ...config, labelNames: ['type', 'status'], registers: [ours] })
    for (const [type, status, seconds] of observations) {
      reference.observe({ type, status }, seconds)
      tallied.tally(type, status, seconds)
    }
    const expected = samples(await theirs.metrics())
    expect(expected).toContain('node_seconds_bucket{le="+Inf",status="succeeded",type="http.request"} 2')
    expect(samples(await ours.metrics())).toEqual(expected)
    expect((await ours.getMetricsAsJSON())[0]?.values).toHaveLength((buckets.length + 3) * 3)
  })

  it('forgets its tallies on reset, as the registry asks of every metric', async () => {
    const registry = new Registry()
    const tallied = new TalliedHistogram({
      name: 'n',
      help: 'h',
      labelNames: ['type', 'status'],
      buckets,
      registers: [registry],
    })
    tallied.tally('a', 'succeeded', 0.5)
    registry.resetMetrics()
    expect(samples(await registry.metrics())).toEqual([])
  })
})
