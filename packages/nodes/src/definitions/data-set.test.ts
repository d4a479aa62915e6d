import { describe, expect, it } from 'vitest'
import { dataSet } from './data-set.ts'
import { nodeError, runNode } from './test-context.ts'

describe('data.set', () => {
  it('builds named fields, converting each to its chosen type', async () => {
    const fields = [
      { name: 'title', value: '快讯' },
      { name: 'count', value: '1,280', type: 'number' },
      { name: 'urgent', value: '是', type: 'boolean' },
      { name: 'meta', value: '{"source":"wire"}', type: 'json' },
      { name: 'code', value: 42, type: 'string' },
      { name: 'tags', value: ['a'] },
    ]
    expect(await runNode(dataSet, { fields })).toEqual({
      title: '快讯',
      count: 1280,
      urgent: true,
      meta: { source: 'wire' },
      code: '42',
      tags: ['a'],
    })
  })

  it('names the field whose value cannot be converted', async () => {
    const err = await nodeError(
      runNode(dataSet, { fields: [{ name: 'score', value: 'high', type: 'number' }] }),
    )
    expect(err.code).toBe('FIELD_CONVERSION')
    expect(err.message).toBe('Field "score": "high" is not a number')
    expect(err.details).toEqual({ field: 'score', type: 'number' })
    const json = await nodeError(
      runNode(dataSet, { fields: [{ name: 'meta', value: '{oops', type: 'json' }] }),
    )
    expect(json.message).toContain('Field "meta": not valid JSON')
    const flag = await nodeError(runNode(dataSet, { fields: [{ name: 'ok', value: '', type: 'boolean' }] }))
    expect(flag.details).toEqual({ field: 'ok', type: 'boolean' })
  })

  it('adds to and overrides the incoming object when keeping input', async () => {
    const config = { fields: [{ name: 'title', value: 'new' }], keepInput: true }
    expect(await runNode(dataSet, config, { inputs: { in: { title: 'old', id: 3 } } })).toEqual({
      title: 'new',
      id: 3,
    })
    expect(await runNode(dataSet, { ...config, keepInput: false }, { inputs: { in: { id: 3 } } })).toEqual({
      title: 'new',
    })
    // A list or text upstream has no fields to keep.
    expect(await runNode(dataSet, config, { inputs: { in: ['x'] } })).toEqual({ title: 'new' })
  })

  it('tells the editor which fields exist and their types', () => {
    const config = dataSet.config.parse({
      fields: [
        { name: 'title', type: 'string' },
        { name: 'n', type: 'number' },
      ],
    })
    const schema = dataSet.outputFor?.(config)
    expect(schema?.safeParse({ title: 't', n: 1 }).success).toBe(true)
    expect(schema?.safeParse({ title: 't', n: '1' }).success).toBe(false)
    expect(schema?.safeParse({ title: 't', n: 1, extra: 1 }).success).toBe(false)
    const kept = dataSet.outputFor?.({ ...config, keepInput: true })
    expect(kept?.safeParse({ title: 't', n: 1, extra: 1 }).success).toBe(true)
  })

  it('refuses repeated field names', () => {
    expect(dataSet.config.safeParse({ fields: [{ name: 'a' }, { name: 'a' }] }).success).toBe(false)
  })
})
