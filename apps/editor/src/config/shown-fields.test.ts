import { buildCatalogue, builtinNodes } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { fieldsOf } from '../catalogue/schema-fields.ts'
import { shownFields } from './shown-fields.ts'

const safetyCheck = buildCatalogue(builtinNodes).nodes.find((n) => n.type === 'text.safety-check')
const fields = fieldsOf(safetyCheck?.configSchema)
const keys = (config: Record<string, unknown>, problems: string[] = []) =>
  shownFields(fields, config, (key) => problems.includes(key)).map((f) => f.key)

describe('shownFields', () => {
  it("hides the content check's AI review settings until the review is switched on", () => {
    const off = keys({})
    expect(off).toContain('modelReview')
    expect(off).not.toContain('provider')
    expect(off).not.toContain('model')
    expect(off).not.toContain('reviewInstructions')
    expect(keys({ modelReview: true })).toEqual(
      expect.arrayContaining(['provider', 'model', 'reviewInstructions']),
    )
    expect(keys({ modelReview: false })).toEqual(off)
  })

  it('still shows a hidden field that has a problem, so the problem can be seen and fixed', () => {
    expect(keys({}, ['model'])).toContain('model')
  })

  it('shows every field of a node without conditions', () => {
    const chat = buildCatalogue(builtinNodes).nodes.find((n) => n.type === 'ai.chat')
    const all = fieldsOf(chat?.configSchema)
    expect(shownFields(all, {}, () => false)).toEqual(all)
  })
})
