import { Flow } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { entryFor } from '../catalogue/catalogue-store.ts'
import { loadTestCatalogue } from '../test-support/load-catalogue.ts'
import { flowSteps } from './flow-steps.ts'

loadTestCatalogue()

const node = (id: string, type: string, config: Record<string, unknown> = {}, name = '') => ({
  id,
  type,
  version: 1,
  name,
  position: { x: 0, y: 0 },
  config,
})
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target })
const flowOf = (nodes: unknown[], edges: unknown[]) =>
  Flow.parse({ schemaVersion: 1, name: 'lesson', nodes, edges })

describe('the steps of a shared flow, as a list to read on a phone', () => {
  it('lists the steps in the order a run reaches them, not the order they were added', () => {
    const flow = flowOf(
      [node('answer', 'ai.chat'), node('greet', 'text.template'), node('start', 'trigger.manual')],
      [edge('start', 'greet'), edge('greet', 'answer')],
    )
    expect(flowSteps(flow, entryFor, 'zh-CN').map((s) => s.id)).toEqual(['start', 'greet', 'answer'])
  })

  it('names a step by its own name, else by its kind, and says what the kind does in the reader’s language', () => {
    const flow = flowOf([node('a', 'text.template', {}, '写一句问候'), node('b', 'ai.chat')], [])
    const [named, untitled] = flowSteps(flow, entryFor, 'zh-CN')
    expect(named?.name).toBe('写一句问候')
    expect(untitled?.name).toBe('AI 对话')
    expect(untitled?.description).toContain('把提示词发给大模型')
    expect(flowSteps(flow, entryFor, 'en')[1]?.description).toContain('Sends a prompt')
  })

  it('shows the prompt first and in full, leaves out the credential and the empty settings', () => {
    const prompt = '请用三句话总结：\n{{ trigger.body.text }}'
    const flow = flowOf(
      [node('ask', 'ai.chat', { provider: 'cred_123', model: 'deepseek-chat', prompt, systemPrompt: '' })],
      [],
    )
    expect(flowSteps(flow, entryFor, 'zh-CN')[0]?.settings).toEqual([
      { key: 'prompt', label: '提示词', text: prompt },
      { key: 'model', label: '模型', text: 'deepseek-chat' },
    ])
  })

  it('words a choice as the form does and shows a list as text; a switch is left out', () => {
    const config = {
      method: 'POST',
      url: 'https://example.com/hook',
      headers: [{ key: 'x-lesson', value: '1' }],
      failOnHttpError: false,
    }
    const settings = flowSteps(flowOf([node('call', 'http.request', config)], []), entryFor, 'zh-CN')[0]
      ?.settings
    expect(settings?.map((s) => s.label)).toEqual(['网址', '请求方式', '请求头'])
    expect(settings?.find((s) => s.key === 'method')?.text).toBe('POST(提交)')
    expect(settings?.find((s) => s.key === 'headers')?.text).toContain('"x-lesson"')
  })

  it('falls back to document order when the edges loop, so every step is still listed', () => {
    const flow = flowOf(
      [node('b', 'text.template'), node('a', 'text.template')],
      [edge('a', 'b'), edge('b', 'a')],
    )
    expect(flowSteps(flow, entryFor, 'en').map((s) => s.id)).toEqual(['b', 'a'])
  })
})
