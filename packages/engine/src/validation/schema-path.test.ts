import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { matchSchemaPath } from './schema-path.ts'

describe('matchSchemaPath', () => {
  const schema = z.object({
    title: z.string(),
    items: z.array(z.object({ id: z.number() })).optional(),
    extra: z.looseObject({ known: z.string() }),
    choice: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]),
    fixed: z.tuple([z.string(), z.object({ n: z.number() })]),
    later: z.string().transform((s) => ({ s })),
  })

  it('accepts paths through objects, wrappers, list items and Liquid list properties', () => {
    for (const path of [
      ['title'],
      ['items', 2, 'id'],
      ['items', 'first', 'id'],
      ['items', 'size'],
      ['title', 'size'],
    ]) {
      expect(matchSchemaPath(schema, path)).toBeNull()
    }
  })

  it('stops checking where the schema is open', () => {
    for (const path of [
      ['extra', 'anything', 'deep'],
      ['later', 's', 'x'],
      ['fixed', 1, 'n'],
    ]) {
      expect(matchSchemaPath(schema, path)).toBeNull()
    }
    expect(matchSchemaPath(z.unknown(), ['a', 1, 'b'])).toBeNull()
    expect(matchSchemaPath(z.record(z.string(), z.object({ x: z.number() })), ['any', 'x'])).toBeNull()
  })

  it('reports the first segment that does not fit, with the fields available there', () => {
    expect(matchSchemaPath(schema, ['titel'])).toEqual({
      at: 0,
      kind: 'object',
      fields: ['title', 'items', 'extra', 'choice', 'fixed', 'later'],
    })
    expect(matchSchemaPath(schema, ['items', 0, 'name'])).toEqual({ at: 2, kind: 'object', fields: ['id'] })
    expect(matchSchemaPath(schema, ['title', 'length'])).toEqual({ at: 1, kind: 'value', fields: [] })
    expect(matchSchemaPath(schema, ['items', 'size', 'x'])).toEqual({ at: 2, kind: 'value', fields: [] })
  })

  it('accepts a path that fits any member of a union and lists all members fields otherwise', () => {
    expect(matchSchemaPath(schema, ['choice', 'b'])).toBeNull()
    expect(matchSchemaPath(schema, ['choice', 'c'])).toEqual({ at: 1, kind: 'object', fields: ['a', 'b'] })
  })
})
