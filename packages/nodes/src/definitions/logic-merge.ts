import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { outPort } from './ports.ts'

export const logicMerge = defineNode({
  type: 'logic.merge',
  version: 1,
  category: 'logic',
  title: t('合并分支', 'Merge'),
  description: t(
    '把分开的几条路重新汇成一条：等所有分支结束后继续，收集走到这里的结果。',
    'Brings separate paths back together: waits for every branch, then continues with the results that arrived.',
  ),
  inputs: [{ name: 'in', label: t('输入', 'Input'), multiple: true }],
  outputs: [outPort],
  config: z.object({}),
  output: z.object({ values: z.array(z.unknown()), first: z.unknown() }),
  sideEffects: false,
  async run({ inputs }) {
    // The engine passes the non-skipped inputs in edge order; a lone value is tolerated for direct calls.
    const values = Array.isArray(inputs.in) ? inputs.in : inputs.in === undefined ? [] : [inputs.in]
    return { values, first: values[0] ?? null }
  },
})
