import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

export const textTemplate = defineNode({
  type: 'text.template',
  version: 1,
  category: 'text',
  title: t('文本模板', 'Text template'),
  description: t(
    '把固定文字和前面步骤的结果拼成一段文字，例如稿件标题、通知内容或给 AI 的提示词。',
    'Combines fixed wording with earlier results into one text: a headline, a notice, a prompt for an AI model.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    // The engine has already rendered it; a lone `{{ ref }}` arrives as the raw value, hence unknown.
    template: field(z.unknown().default(''), {
      widget: 'template',
      label: t('内容', 'Text'),
      placeholder: t('您好，{{ trigger.body.name }}!', 'Hello, {{ trigger.body.name }}!'),
      help: t(
        '用 {{ }} 插入前面步骤的结果，例如 {{ nodes.fetch.body.title }}。',
        'Insert earlier results with {{ }}, e.g. {{ nodes.fetch.body.title }}.',
      ),
    }),
  }),
  output: z.object({ text: z.string() }),
  sideEffects: false,
  run({ config }) {
    return { text: toText(config.template) }
  },
})
