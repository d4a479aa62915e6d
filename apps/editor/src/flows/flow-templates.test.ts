import { validateFlow } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { flowTemplates } from './flow-templates.ts'

describe('the starting points offered on "New flow"', () => {
  it('include every ready-made template from templates/, with its own names in both languages', () => {
    const press = flowTemplates.find((x) => x.id === 'press-release-rewrite')
    expect(press?.title?.['zh-CN']).toBe('通稿改写')
    expect(press?.description?.en).toBeTruthy()
    expect(flowTemplates.filter((x) => x.title).length).toBeGreaterThanOrEqual(7)
  })

  it('are all valid flows, so a new user never starts from a broken canvas', () => {
    for (const template of flowTemplates) {
      const result = validateFlow(template.flow)
      expect(
        result.problems.filter((p) => p.severity === 'error'),
        template.id,
      ).toEqual([])
    }
  })
})
