import { builtinNodes } from '@zhiliu/nodes'
import { beforeEach, describe, expect, it } from 'vitest'
import { entry, loadTestCatalogue } from '../test-support/load-catalogue.ts'
import { useEditor } from './editor-store.ts'
import { emptyFlow } from './flow-mapping.ts'

beforeEach(() => {
  loadTestCatalogue()
  useEditor.getState().load('f1', emptyFlow('测试'))
})

const connect = (source: string, target: string) =>
  useEditor.getState().onConnect({ source, target, sourceHandle: 'out', targetHandle: 'in' })

describe('the editor store', () => {
  it('adds a node from its catalogue entry with readable ids and the default config', () => {
    const s = useEditor.getState()
    const a = s.addNode(entry('text.template'), { x: 0, y: 0 })
    const b = s.addNode(entry('text.template'), { x: 0, y: 0 })
    expect([a, b]).toEqual(['template_1', 'template_2'])
    const node = useEditor.getState().nodes.find((n) => n.id === 'template_1')
    expect(node?.data).toEqual({
      type: 'text.template',
      version: 1,
      name: '',
      config: { template: '' },
      settings: { onError: 'fail' },
    })
    expect(builtinNodes.some((d) => d.type === node?.data.type)).toBe(true)
  })

  it('connects nodes, and refuses a connection that would close a circle with a hint', () => {
    const s = useEditor.getState()
    s.addNode(entry('text.template'), { x: 0, y: 0 })
    s.addNode(entry('text.template'), { x: 0, y: 0 })
    connect('template_1', 'template_2')
    expect(useEditor.getState().edges).toHaveLength(1)
    connect('template_2', 'template_1')
    expect(useEditor.getState().edges).toHaveLength(1)
    expect(useEditor.getState().hint).toMatchObject({ key: 'connect.cycle' })
  })

  it('refuses an output port the node does not have, using the shared validator', () => {
    const s = useEditor.getState()
    s.addNode(entry('logic.if'), { x: 0, y: 0 })
    s.addNode(entry('text.template'), { x: 0, y: 0 })
    useEditor
      .getState()
      .onConnect({ source: 'if_1', target: 'template_1', sourceHandle: 'maybe', targetHandle: 'in' })
    expect(useEditor.getState().edges).toHaveLength(0)
    const hint = useEditor.getState().hint
    expect(hint && 'text' in hint ? hint.text['zh-CN'] : '').toContain('maybe')
  })

  it('undoes and redoes config edits', () => {
    const s = useEditor.getState()
    s.addNode(entry('text.template'), { x: 0, y: 0 })
    useEditor.getState().updateConfig('template_1', { template: 'a' }, 'template')
    const config = () => useEditor.getState().nodes[0]?.data.config
    expect(config()).toEqual({ template: 'a' })
    useEditor.getState().undo()
    expect(config()).toEqual({ template: '' })
    useEditor.getState().redo()
    expect(config()).toEqual({ template: 'a' })
  })

  it('moves a node into a loop and drops its connections, which would cross the loop border', () => {
    const s = useEditor.getState()
    s.addNode(entry('logic.for-each'), { x: 0, y: 0 })
    s.addNode(entry('text.template'), { x: 500, y: 0 })
    connect('for_each_1', 'template_1')
    useEditor.getState().setParent('template_1', 'for_each_1', { x: 24, y: 80 })
    const { nodes, edges } = useEditor.getState()
    expect(nodes.map((n) => [n.id, n.parentId])).toEqual([
      ['for_each_1', undefined],
      ['template_1', 'for_each_1'],
    ])
    expect(edges).toHaveLength(0)
  })
})
