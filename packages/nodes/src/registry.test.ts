import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineNode } from './define-node.ts'
import { builtinNodes } from './definitions/index.ts'
import { t } from './localized.ts'
import { createRegistry } from './registry.ts'

const greet = (version: number) =>
  defineNode({
    type: 'test.greet',
    version,
    category: 'text',
    title: t('问候', 'Greet'),
    description: t('问候', 'Greets'),
    inputs: [],
    outputs: [],
    config: z.object({}),
    output: z.object({ text: z.string() }),
    sideEffects: false,
    run: async () => ({ text: `v${version}` }),
  })

describe('createRegistry', () => {
  it('keeps old versions runnable next to the latest one', async () => {
    const registry = createRegistry([greet(2), greet(1)])
    const ctx = {} as never
    expect(await registry.get('test.greet', 1)?.run({ config: {}, inputs: {} }, ctx)).toEqual({ text: 'v1' })
    expect(await registry.get('test.greet', 2)?.run({ config: {}, inputs: {} }, ctx)).toEqual({ text: 'v2' })
    expect(registry.latest('test.greet')?.version).toBe(2)
    expect(registry.all.map((d) => d.version)).toEqual([2, 1])
  })

  it('answers undefined for types and versions it does not know', () => {
    const registry = createRegistry([greet(1)])
    expect(registry.get('test.greet', 3)).toBeUndefined()
    expect(registry.get('test.other', 1)).toBeUndefined()
    expect(registry.latest('test.other')).toBeUndefined()
  })

  it('refuses two definitions of the same type and version', () => {
    expect(() => createRegistry([greet(1), greet(1)])).toThrow('test.greet@1')
  })

  it('holds every built-in node', () => {
    const registry = createRegistry(builtinNodes)
    expect(registry.latest('http.request')?.type).toBe('http.request')
    expect(registry.all).toHaveLength(builtinNodes.length)
  })
})
