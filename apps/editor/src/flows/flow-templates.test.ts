import { validateFlow } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { flowTemplates } from './flow-templates.ts'

describe('the starting points offered on "New flow"', () => {
  it('include every ready-made template from templates/, with its own names in both languages', () => {
    const press = flowTemplates.find((x) => x.id === 'press-release-rewrite')
    expect(press?.title?.['zh-CN']).toBe('通稿改写')
    expect(press?.description?.en).toBeTruthy()
    expect(flowTemplates.filter((x) => x.title).length).toBeGreaterThanOrEqual(10)
  })

  it('are all valid flows, so a new user never starts from a broken canvas', () => {
    for (const template of flowTemplates) {
      const result = validateFlow(template.flow)
      // A template that sends somewhere leaves the bot or mail server to the user: the one thing to fill in.
      const errors = result.problems.filter(
        (p) => p.severity === 'error' && p.code !== 'CREDENTIAL_NOT_CHOSEN',
      )
      expect(errors, template.id).toEqual([])
    }
  })

  it('point at the send step of a template that publishes, asking for its credential', () => {
    const notice = flowTemplates.find((x) => x.id === 'property-notice')
    const problems = validateFlow(notice?.flow).problems
    expect(problems.map((p) => [p.code, p.nodeId, p.path.slice(2)])).toEqual([
      ['CREDENTIAL_NOT_CHOSEN', 'send', ['config', 'credential']],
    ])
    expect(problems[0]?.localized['zh-CN']).toMatch(/^请选择“自定义机器人”凭据/)
  })
})
