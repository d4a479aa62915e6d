import { z } from 'zod'
import { defineNode, route } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { compare, Operator, operatorLabels } from './compare.ts'
import { inPort } from './ports.ts'

const DEFAULT_PORT = 'default'

const Case = z.object({
  // The case id names an output port, which edges refer to; the label is what people see on the canvas.
  id: field(
    z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
        'a case id starts with a letter or _ and has only letters, digits and _',
      )
      .refine((id) => id !== DEFAULT_PORT && id !== 'error', 'default and error are reserved port names'),
    {
      widget: 'text',
      template: false,
      label: t('分支编号', 'Branch id'),
      placeholder: t('case_1', 'case_1'),
    },
  ),
  label: field(z.string().max(100).default(''), {
    widget: 'text',
    template: false,
    label: t('分支名称', 'Branch name'),
    placeholder: t('例如 体育', 'e.g. Sports'),
  }),
  operator: field(Operator.default('equals'), {
    widget: 'select',
    label: t('条件', 'Condition'),
    options: operatorLabels,
  }),
  compare: field(z.unknown().default(''), { widget: 'template', label: t('比较对象', 'Compare with') }),
})

const config = z.object({
  value: field(z.unknown().default(''), {
    widget: 'template',
    label: t('检查的值', 'Value to check'),
    placeholder: t('{{ trigger.body.category }}', '{{ trigger.body.category }}'),
  }),
  cases: field(
    z
      .array(Case)
      .max(50)
      .refine((cases) => new Set(cases.map((c) => c.id)).size === cases.length, 'branch ids must be unique')
      .default([{ id: 'case_1', label: '', operator: 'equals', compare: '' }]),
    {
      widget: 'list',
      label: t('分支', 'Branches'),
      help: t(
        '从上往下检查，走第一个满足的分支；都不满足时走“其他”。',
        'Checked top to bottom; the first match wins. If none match, the flow goes to Otherwise.',
      ),
    },
  ),
})

export const logicSwitch = defineNode({
  type: 'logic.switch',
  version: 1,
  category: 'logic',
  title: t('多路分支', 'Switch'),
  description: t(
    '按一个值分成多条路，例如按稿件栏目分别交给不同的编辑。',
    'Sends the flow down one of several paths by a value, e.g. route a story by its section.',
  ),
  inputs: [inPort],
  outputs: (c) => [
    ...c.cases.map((item) => {
      const name = item.label || item.id
      return { name: item.id, label: t(name, name) }
    }),
    { name: DEFAULT_PORT, label: t('其他', 'Otherwise') },
  ],
  config,
  output: z.object({ value: z.unknown(), matched: z.string().nullable() }),
  sideEffects: false,
  async run({ config }) {
    const hit = config.cases.find((c) => compare(config.value, c.operator, c.compare))
    const matched = hit?.id ?? null
    return route(matched ?? DEFAULT_PORT, { value: config.value, matched })
  },
})
