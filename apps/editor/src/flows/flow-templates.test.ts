import { validateFlow } from '@zhiliu/engine'
import { describe, expect, it } from 'vitest'
import { MAX_COLUMNS } from '../canvas/layout-flow.ts'
import { tooClose } from '../editor/free-spot.ts'
import { copyName, copyOf, flowTemplates } from './flow-templates.ts'

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

  it('name a copy in the UI’s language, not by the file’s bilingual name', () => {
    const plan = flowTemplates.find((x) => x.id === 'topic-plan')
    const merge = flowTemplates.find((x) => x.id === 'branch-merge')
    if (!plan || !merge) throw new Error('templates missing')
    expect(copyName(plan, 'zh-CN')).toBe('智能选题策划')
    expect(copyName(plan, 'en')).toBe('Story planning')
    expect(copyName(merge, 'zh-CN')).toBe('成绩通知')
  })

  it('describe a copy in the UI’s language too: the flow list, an agent calling it as a tool and MCP read it', () => {
    const press = flowTemplates.find((x) => x.id === 'press-release-rewrite')
    const orders = flowTemplates.find((x) => x.id === 'order-status')
    const merge = flowTemplates.find((x) => x.id === 'branch-merge')
    if (!press?.description || !orders || !merge) throw new Error('templates missing')
    expect(press.flow.description).toBe(press.description.en)
    expect(copyOf(press, 'zh-CN').description).toBe(press.description['zh-CN'])
    expect(copyOf(press, 'en').description).toBe(press.description.en)
    expect(copyOf(press, 'zh-CN', '我的通稿').name).toBe('我的通稿')
    // A tool's description written for the agent that calls it, Chinese first, stays as the file words it.
    expect(copyOf(orders, 'zh-CN').description).toBe(orders.flow.description)
    // An example without a description of its own keeps the file's.
    expect(copyOf(merge, 'zh-CN').description).toBe(merge.flow.description)
    // The copy carries the input its demo answers were written for, for its Run form and its students' copies.
    expect(copyOf(press, 'zh-CN').sampleInput).toEqual(press.sampleInput)
    expect(press.sampleInput).toBeDefined()
  })

  it('leave visible room between their nodes, for the connections and their arrowheads', () => {
    // A node is 230 pixels wide and about 110 high with a summary line.
    const box = (n: { position: { x: number; y: number } }) => ({ ...n.position, width: 230, height: 110 })
    for (const template of flowTemplates) {
      const top = template.flow.nodes.filter((n) => !n.parentId)
      for (const a of top)
        for (const b of top)
          if (a.id < b.id) expect(tooClose(box(a), box(b), 40), `${template.id}: ${a.id} ${b.id}`).toBe(false)
    }
  })

  it('are at most four steps across, wrapping longer chains onto rows below, so a 1024-pixel projector shows them readably', () => {
    for (const template of flowTemplates) {
      const columns = new Set(template.flow.nodes.filter((n) => !n.parentId).map((n) => n.position.x))
      expect(columns.size, template.id).toBeLessThanOrEqual(MAX_COLUMNS)
    }
  })

  it('require every run-form field a saved file is named from, so filling in only the starred fields still saves it', () => {
    for (const template of flowTemplates) {
      const inputs = template.flow.nodes.flatMap((n) =>
        n.type === 'trigger.manual'
          ? ((n.config as { inputSchema?: { name: string; required?: boolean }[] }).inputSchema ?? [])
          : [],
      )
      for (const node of template.flow.nodes) {
        const filename = (node.config as { filename?: unknown }).filename
        if (typeof filename !== 'string') continue
        for (const [, field] of filename.matchAll(/trigger\.body\.(\w+)/g)) {
          const input = inputs.find((i) => i.name === field)
          expect(input?.required, `${template.id}: ${node.id} is named from ${field}`).toBe(true)
        }
      }
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

  it('list every sample knowledge base their kb.retrieve steps name, so "New flow" makes each one first', () => {
    const named = (t: (typeof flowTemplates)[number]) =>
      [...JSON.stringify(t.flow).matchAll(/"sample:([a-z0-9-]+)"/g)].map((m) => m[1]).sort()
    const answering = flowTemplates.filter((t) => named(t).length > 0)
    expect(answering.map((t) => t.id).sort()).toEqual(['gov-service-qa', 'reader-qa'])
    for (const template of flowTemplates) {
      expect(template.knowledgeBases?.map((kb) => kb.sample).sort() ?? [], template.id).toEqual(
        named(template),
      )
    }
  })
})
