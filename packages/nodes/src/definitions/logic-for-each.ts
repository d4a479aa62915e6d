import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { listValue } from './list-value.ts'
import { inPort, outPort } from './ports.ts'

export const logicForEach = defineNode({
  type: 'logic.for-each',
  version: 1,
  category: 'logic',
  title: t('循环', 'For each'),
  description: t(
    '对列表里的每一项执行一遍框内的步骤，例如逐篇稿件生成摘要。框内用 {{ item }} 取当前项，{{ index }} 取序号。',
    'Runs the steps inside the frame once per list item, e.g. summarise each story. Inside, {{ item }} is the ' +
      'current item and {{ index }} its position.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    items: field(z.unknown().default(''), {
      widget: 'text',
      label: t('要循环的列表', 'List to loop over'),
      placeholder: t('{{ nodes.split.parts }}', '{{ nodes.split.parts }}'),
    }),
    concurrency: field(z.int().min(1).max(16).default(4), {
      widget: 'number',
      label: t('同时处理几项', 'Items at once'),
      help: t(
        '调用 AI 或外部接口时调小一些，可以避免被限流。',
        'Lower it when the steps call an AI model or an API with rate limits.',
      ),
    }),
    maxItems: field(z.int().min(1).max(100_000).default(1000), {
      widget: 'number',
      label: t('最多处理几项', 'Most items'),
      help: t(
        '列表超过这个数量时停止并报错，防止意外处理海量数据。',
        'A longer list stops the run with an error, so a mistake cannot trigger a huge batch.',
      ),
    }),
  }),
  // What the engine builds after running the body for every item, in item order.
  output: z.object({ results: z.array(z.unknown()), count: z.int() }),
  iterates: true,
  sideEffects: false,
  async run({ config }) {
    const items = listValue('items', config.items)
    if (items.length > config.maxItems) {
      throw new NodeError(
        'TOO_MANY_ITEMS',
        `The list has ${items.length} items, more than the limit of ${config.maxItems}`,
        { details: { field: 'items', count: items.length, maxItems: config.maxItems } },
      )
    }
    return { items }
  },
})
