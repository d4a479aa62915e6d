import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'

export const dataTransform = defineNode({
  type: 'data.transform',
  version: 1,
  category: 'data',
  title: t('数据转换', 'Transform data'),
  description: t(
    '用 JSONata 表达式筛选、改写或汇总数据，例如只保留阅读量过万的文章、计算总数。',
    'Filters, reshapes or sums data with a JSONata expression, e.g. keep only articles with over 10,000 reads.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    expression: field(z.string().trim().min(1).max(10_000).default('$'), {
      widget: 'expression',
      label: t('表达式（JSONata）', 'Expression (JSONata)'),
      placeholder: t('items[reads > 10000].title', 'items[reads > 10000].title'),
      help: t(
        '$ 代表要处理的数据，$input 始终是上一步的输出。例如 $count(items) 统计条数，items.title 取出所有标题。',
        '$ is the data being transformed and $input always the previous step’s output. $count(items) counts ' +
          'items; items.title lists every title.',
      ),
    }),
    // Set when the data to transform is not the previous step's output, e.g. an earlier node's result.
    data: field(z.unknown().optional(), {
      widget: 'text',
      label: t('要处理的数据（可选）', 'Data (optional)'),
      placeholder: t('{{ nodes.fetch.body }}', '{{ nodes.fetch.body }}'),
      help: t('留空则处理上一步的输出。', "Leave empty to use the previous step's output."),
    }),
  }),
  output: z.object({ result: z.unknown() }),
  sideEffects: false,
  // Not async: a small expression is answered synchronously (see ExpressionEvaluator), and then so is the node.
  run({ config, inputs }, ctx) {
    const useData = config.data !== undefined && config.data !== null && config.data !== ''
    const data = useData ? config.data : inputs.in
    const result = ctx.expressions.evaluate(config.expression, data, { bindings: { input: inputs.in } }, ctx)
    return result instanceof Promise ? result.then(toOutput) : toOutput(result)
  },
})

// JSONata answers "nothing matched" with undefined, which would vanish from stored JSON.
function toOutput(result: unknown): { result: unknown } {
  return { result: result === undefined ? null : result }
}
