import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { decodeEscapes } from './decode-escapes.ts'
import { listValue } from './list-value.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

export const textJoin = defineNode({
  type: 'text.join',
  version: 1,
  category: 'text',
  title: t('合并文本', 'Join text'),
  description: t(
    '把一组内容连成一段文字，例如把循环生成的各段摘要合成一篇简报。',
    'Joins a list into one text, such as the summaries a loop produced into one briefing.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    items: field(z.unknown().default(''), {
      widget: 'text',
      label: t('列表', 'List'),
      placeholder: t('{{ nodes.loop.results }}', '{{ nodes.loop.results }}'),
      help: t(
        '用 {{ }} 引用一个列表，例如拆分文本的结果或循环的结果。',
        'A {{ }} reference to a list, such as split parts or the results of a loop.',
      ),
    }),
    separator: field(z.string().max(100).default('\\n'), {
      widget: 'text',
      label: t('分隔符', 'Separator'),
      help: t('\\n 表示换行，\\t 表示制表符。', '\\n means a line break and \\t a tab.'),
    }),
  }),
  output: z.object({ text: z.string() }),
  sideEffects: false,
  async run({ config }) {
    const items = listValue('items', config.items)
    return { text: items.map(toText).join(decodeEscapes(config.separator)) }
  },
})
