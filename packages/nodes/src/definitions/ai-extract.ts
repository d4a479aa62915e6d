import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { checkModelData } from './ai-check-model-data.ts'
import {
  askModel,
  modelFields,
  modelOutputFields,
  modelReport,
  modelSettings,
  requiredText,
} from './ai-model-fields.ts'
import { jsonSchemaFor, objectSchemaFor, outputFieldList } from './ai-output-fields.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

const SYSTEM =
  'Extract the requested fields from the text the user sends. Use only what the text says; ' +
  'when it does not say, answer null (or leave a required field as close to the text as possible). Never invent.'

export const aiExtract = defineNode({
  type: 'ai.extract',
  version: 1,
  category: 'ai',
  title: t('AI 信息提取', 'AI extract'),
  description: t(
    '从一段文字里找出你要的信息（姓名、电话、日期、金额……），整理成字段。',
    'Pulls the information you name (names, phone numbers, dates, amounts…) out of a text into fields.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    ...modelFields,
    text: field(z.unknown().default(''), {
      required: true,
      widget: 'textarea',
      label: t('原文', 'Text'),
      placeholder: t('{{ trigger.body.text }}', '{{ trigger.body.text }}'),
    }),
    fields: field(
      outputFieldList([
        { name: 'name', type: 'string', description: '姓名', required: false },
        { name: 'phone', type: 'string', description: '手机号', required: false },
      ]),
      {
        widget: 'list',
        template: false,
        label: t('要提取的字段', 'Fields to extract'),
        help: t('原文没有提到的字段会是 null。', 'A field the text does not mention comes out as null.'),
      },
    ),
    instructions: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('补充要求', 'Extra instructions'),
      placeholder: t('日期写成 2025-01-31 的格式。', 'Write dates as 2025-01-31.'),
    }),
  }),
  output: z.object({ data: z.record(z.string(), z.unknown()), ...modelOutputFields }),
  outputFor: (c) => z.object({ data: objectSchemaFor(c.fields), ...modelOutputFields }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 120_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const extra = toText(config.instructions).trim()
    const res = await askModel(
      {
        ...modelSettings(config),
        messages: [
          { role: 'system', content: extra ? `${SYSTEM}\n${extra}` : SYSTEM },
          { role: 'user', content: requiredText(config.text, 'The text') },
        ],
        responseFormat: { type: 'json_schema', name: 'extracted', schema: jsonSchemaFor(config.fields) },
      },
      ctx,
    )
    return { data: checkModelData(res, objectSchemaFor(config.fields)), ...modelReport(res) }
  },
})
