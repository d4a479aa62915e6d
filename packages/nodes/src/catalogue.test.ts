import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildCatalogue } from './catalogue.ts'
import { defineNode } from './define-node.ts'
import { builtinNodes } from './definitions/index.ts'
import { Localized, t } from './localized.ts'
import type { FieldHints } from './ui-hints.ts'

const catalogue = buildCatalogue(builtinNodes)
const entry = (type: string) => {
  const found = catalogue.nodes.find((n) => n.type === type)
  if (!found) throw new Error(`${type} missing from the catalogue`)
  return found
}

/** Every `ui` object anywhere in a JSON Schema, nested list items included. */
function uiHintsIn(value: unknown): FieldHints[] {
  if (Array.isArray(value)) return value.flatMap(uiHintsIn)
  if (typeof value !== 'object' || value === null) return []
  const own = 'ui' in value ? [value.ui as FieldHints] : []
  return [...own, ...Object.entries(value).flatMap(([key, item]) => (key === 'ui' ? [] : uiHintsIn(item)))]
}

describe('buildCatalogue', () => {
  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(catalogue))).toEqual(catalogue)
  })

  it('lists every built-in node once with titles and descriptions in both languages', () => {
    expect(catalogue.nodes.map((n) => `${n.type}@${n.version}`)).toEqual(
      builtinNodes.map((d) => `${d.type}@${d.version}`),
    )
    for (const node of catalogue.nodes) {
      for (const text of [node.title, node.description, ...node.inputs.map((p) => p.label)]) {
        expect(text['zh-CN'].length, node.type).toBeGreaterThan(0)
        expect(text.en.length, node.type).toBeGreaterThan(0)
        expect(text['zh-CN'], node.type).not.toBe(text.en)
      }
    }
  })

  it('gives every config field UI hints, all of their text in both languages', () => {
    // data.set: fields, keepInput, and each list item's name, value and type.
    expect(uiHintsIn(entry('data.set').configSchema)).toHaveLength(5)
    for (const node of catalogue.nodes) {
      const properties = (node.configSchema.properties ?? {}) as Record<string, { ui?: FieldHints }>
      for (const [name, property] of Object.entries(properties)) {
        expect(property.ui?.label, `${node.type}.${name}`).toBeDefined()
      }
      for (const hints of uiHintsIn(node.configSchema)) {
        const texts = [hints.label, hints.placeholder, hints.help, ...Object.values(hints.options ?? {})]
        for (const text of texts.filter((x) => x !== undefined)) {
          expect(Localized.safeParse(text).success, `${node.type}: ${JSON.stringify(text)}`).toBe(true)
        }
      }
    }
  })

  it('makes every shownWhen name a field of the same config that can take the listed values', () => {
    const conditional = catalogue.nodes.flatMap((node) =>
      Object.entries((node.configSchema.properties ?? {}) as Record<string, { ui?: FieldHints }>).flatMap(
        ([name, property]) => (property.ui?.shownWhen ? [{ node, name, when: property.ui.shownWhen }] : []),
      ),
    )
    expect(conditional.map((c) => `${c.node.type}.${c.name}`)).toContain('text.safety-check.model')
    for (const { node, name, when } of conditional) {
      const properties = node.configSchema.properties as Record<string, { type?: string; enum?: unknown[] }>
      const controlling = properties[when.field]
      expect(controlling, `${node.type}.${name} depends on ${when.field}`).toBeDefined()
      for (const value of when.is) {
        const possible = controlling?.enum
          ? controlling.enum.includes(value)
          : typeof value === controlling?.type
        expect(possible, `${node.type}.${name}: ${when.field} cannot be ${JSON.stringify(value)}`).toBe(true)
      }
    }
  })

  it('shows defaults in the config schema and as the starting config', () => {
    const http = entry('http.request')
    expect(http.configSchema.properties?.method).toMatchObject({ default: 'GET', ui: { widget: 'select' } })
    expect(http.defaultConfig).toMatchObject({ method: 'GET', bodyType: 'none', failOnHttpError: true })
    expect(http.defaultConfig).not.toHaveProperty('url')
    expect(entry('trigger.schedule').defaultConfig).toEqual({
      cron: '0 9 * * *',
      timezone: 'Asia/Shanghai',
      missed: 'skip',
    })
  })

  it('marks config-dependent outputs as dynamic and lists the default ports', () => {
    expect(entry('logic.switch').outputs).toEqual({
      dynamic: true,
      ports: [
        { name: 'case_1', label: { 'zh-CN': 'case_1', en: 'case_1' } },
        { name: 'default', label: { 'zh-CN': '其他', en: 'Otherwise' } },
      ],
    })
    expect(entry('logic.if').outputs.dynamic).toBe(false)
    expect(entry('logic.if').outputs.ports.map((p) => p.name)).toEqual(['true', 'false'])
  })

  it('carries behaviour flags: side effects, retry, timeout, iteration', () => {
    expect(entry('http.request')).toMatchObject({
      sideEffects: 'keyed',
      retry: { maxAttempts: 3 },
      timeoutMs: 60_000,
    })
    expect(entry('logic.for-each').iterates).toBe(true)
    expect(entry('logic.for-each').outputSchema.properties).toHaveProperty('results')
    expect(entry('text.template')).toMatchObject({ iterates: false, sideEffects: false })
    expect(entry('publish.wecom').sideEffects).toBe('unkeyed')
    expect(entry('text.template')).not.toHaveProperty('retry')
  })

  it('flags the newest version of each type and can leave older ones out', () => {
    const make = (version: number) =>
      defineNode({
        type: 'test.node',
        version,
        category: 'text',
        title: t('测试', 'Test'),
        description: t('测试节点', 'A test node'),
        inputs: [],
        outputs: [],
        config: z.object({}),
        output: z.object({}),
        sideEffects: false,
        run: async () => ({}),
      })
    const all = buildCatalogue([make(1), make(2)])
    expect(all.nodes.map((n) => [n.version, n.latest])).toEqual([
      [1, false],
      [2, true],
    ])
    expect(buildCatalogue([make(1), make(2)], { latestOnly: true }).nodes.map((n) => n.version)).toEqual([2])
  })
})
