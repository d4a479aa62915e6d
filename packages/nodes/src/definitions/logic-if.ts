import { z } from 'zod'
import { defineNode, route } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { compare, Operator, operatorLabels } from './compare.ts'
import { inPort } from './ports.ts'

const Condition = z.object({
  left: field(z.unknown().default(''), {
    widget: 'template',
    label: t('检查的值', 'Value'),
    placeholder: t('{{ trigger.body.score }}', '{{ trigger.body.score }}'),
  }),
  operator: field(Operator.default('equals'), {
    widget: 'select',
    label: t('条件', 'Condition'),
    options: operatorLabels,
  }),
  right: field(z.unknown().default(''), {
    widget: 'template',
    label: t('比较对象', 'Compare with'),
    placeholder: t('60', '60'),
  }),
})

export const logicIf = defineNode({
  type: 'logic.if',
  version: 1,
  category: 'logic',
  title: t('条件判断', 'If'),
  description: t(
    '检查条件是否成立，成立走“是”，不成立走“否”。例如分数大于 60 才发送通知。',
    'Checks conditions and continues on Yes or No, e.g. send a notice only when the score is above 60.',
  ),
  inputs: [inPort],
  outputs: [
    { name: 'true', label: t('是', 'Yes') },
    { name: 'false', label: t('否', 'No') },
  ],
  config: z.object({
    combinator: field(z.enum(['all', 'any']).default('all'), {
      widget: 'select',
      label: t('满足方式', 'Match'),
      options: { all: t('全部条件都满足', 'All conditions'), any: t('任一条件满足', 'Any condition') },
    }),
    conditions: field(
      z
        .array(Condition)
        .min(1)
        .max(50)
        .default([{ left: '', operator: 'isNotEmpty', right: '' }]),
      {
        widget: 'conditions',
        label: t('条件', 'Conditions'),
        help: t(
          '两边都是数字时按大小比较，例如 "100" 大于 "60"。',
          'When both sides are numbers they compare by value, so "100" is greater than "60".',
        ),
      },
    ),
  }),
  output: z.object({ result: z.boolean(), value: z.unknown() }),
  sideEffects: false,
  async run({ config, inputs }) {
    const test = (c: z.output<typeof Condition>) => compare(c.left, c.operator, c.right)
    const result = config.combinator === 'all' ? config.conditions.every(test) : config.conditions.some(test)
    return route(result ? 'true' : 'false', { result, value: inputs.in })
  },
})
