import { type ExpressionEvaluator, inThreadExpressions, type TemplateScope } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { runFlow } from './run-flow.ts'
import { testFlow } from './test-nodes.ts'

/** Records what reaches it, and answers from the in-thread evaluator with a mark, so its use shows in the output. */
function recordingEvaluator(templateBudgetMs: number | ((source: string) => number)) {
  const evaluated: string[] = []
  const rendered: Array<{ source: string; scope: TemplateScope }> = []
  const evaluator: ExpressionEvaluator = {
    async evaluate(expression, input, options) {
      evaluated.push(expression)
      return { via: 'evaluator', value: await inThreadExpressions.evaluate(expression, input, options) }
    },
    templateBudgetMs: (source) =>
      typeof templateBudgetMs === 'number' ? templateBudgetMs : templateBudgetMs(source),
    async renderTemplate(source, scope) {
      rendered.push({ source, scope })
      return `slow:${await inThreadExpressions.renderTemplate(source, scope)}`
    },
  }
  return { evaluator, evaluated, rendered }
}

describe('runFlow: expressions through the run services', () => {
  it('evaluates data.transform’s JSONata with the injected evaluator, bindings included', async () => {
    const { evaluator, evaluated } = recordingEvaluator(250)
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        {
          id: 'x',
          type: 'data.transform',
          config: { expression: '$count(body.items) & "/" & $count($input.body.items)' },
        },
      ],
      ['t -> x'],
    )
    const result = await runFlow({
      flow,
      event: { body: { items: [1, 2, 3] } },
      services: { expressions: evaluator },
    })
    expect(result.output).toEqual({ result: { via: 'evaluator', value: '3/3' } })
    expect(evaluated).toEqual(['$count(body.items) & "/" & $count($input.body.items)'])
  })

  it('renders config templates that fit the budget here and hands the rest, with only what they read, to the evaluator', async () => {
    // 40,000 loop steps: well past a 1 ms budget on any machine (400 once fitted in it on an idle one). The quick
    // template gets 250 ms: with 1 ms, a collection pause on a loaded machine once sent it away too.
    const slow = '{% for i in (1..200) %}{% for j in (1..200) %}{% endfor %}{% endfor %}{{ nodes.a.name }}'
    const { evaluator, rendered } = recordingEvaluator((source) => (source === slow ? 1 : 250))
    const flow = testFlow(
      [
        { id: 't', type: 'trigger.manual' },
        {
          id: 'a',
          type: 'data.set',
          config: { fields: [{ name: 'name', value: '{{ trigger.body.name }}' }] },
        },
        { id: 'b', type: 'data.set', config: { fields: [{ name: 'other', value: 'x' }] } },
        {
          id: 'c',
          type: 'data.set',
          config: {
            fields: [
              { name: 'fast', value: 'a {{ nodes.a.name }}' },
              { name: 'slow', value: slow },
            ],
          },
        },
      ],
      ['t -> a', 'a -> b', 'b -> c'],
    )
    const result = await runFlow({
      flow,
      event: { body: { name: 'Li' } },
      services: { expressions: evaluator },
    })
    expect(result.output).toEqual({ fast: 'a Li', slow: 'slow:Li' })
    expect(rendered).toEqual([{ source: slow, scope: { nodes: { a: { name: 'Li' } } } }])
  })
})
