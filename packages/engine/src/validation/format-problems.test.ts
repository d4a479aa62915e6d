import { describe, expect, it } from 'vitest'
import { validateFlow } from '../validate-flow.ts'
import { formatProblems } from './format-problems.ts'
import { testFlow, testNodes } from './test-nodes.ts'

describe('formatProblems', () => {
  const result = validateFlow(
    {
      ...testFlow(
        [
          { id: 't', type: 'test.trigger' },
          { id: 'fetch' },
          { id: 'summarize', config: { template: '{{ nodes.fetch.text }}' } },
        ],
        ['t>summarize', 'fetch>ghost'],
      ),
      name: '',
    },
    { definitions: testNodes },
  )

  it('prints one line per problem: where, which field, what is wrong', () => {
    expect(formatProblems(result.problems).split('\n')).toEqual([
      'flow (name): This cannot be empty.',
      'warning: node "fetch": Nothing is connected to this node, so it never receives the data the flow starts with. Connect it or remove it.',
      'node "summarize" (config.template): "nodes.fetch.text" uses the result of "fetch", but "fetch" does not run before this node. Connect it so that it comes first.',
      'connection "e1" (target): This connection goes to "ghost", which does not exist.',
    ])
  })

  it('prints the Chinese texts when asked', () => {
    expect(formatProblems(result.problems, 'zh-CN').split('\n')[3]).toBe(
      '连线 "e1" (target): 这条连线连到 “ghost”，但这个节点不存在。',
    )
  })
})
