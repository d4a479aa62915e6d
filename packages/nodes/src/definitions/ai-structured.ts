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

const config = z.object({
  ...modelFields,
  systemPrompt: field(z.unknown().default(''), {
    widget: 'textarea',
    label: t('系统提示词', 'System prompt'),
    placeholder: t('你是一名新闻编辑。', 'You are a news editor.'),
  }),
  prompt: field(z.unknown().default(''), {
    required: true,
    widget: 'textarea',
    label: t('提示词', 'Prompt'),
    placeholder: t(
      '为这篇稿件拟标题并写摘要：{{ trigger.body.text }}',
      'Write a headline and summary for: {{ trigger.body.text }}',
    ),
  }),
  fields: field(
    outputFieldList([
      { name: 'title', type: 'string', description: '标题', required: true },
      { name: 'summary', type: 'string', description: '一句话摘要', required: true },
    ]),
    {
      widget: 'list',
      template: false,
      label: t('输出字段', 'Output fields'),
      help: t(
        '模型会按这些字段回答，结果一定符合这个格式。',
        'The model answers with these fields; the result always fits them.',
      ),
    },
  ),
})

export const aiStructured = defineNode({
  type: 'ai.structured',
  version: 1,
  category: 'ai',
  title: t('AI 结构化输出', 'AI structured output'),
  description: t(
    '让大模型按你定义的字段回答（例如标题、摘要、标签），后面的步骤可以直接使用每个字段。',
    'Has a language model answer in fields you define (title, summary, tags…) that later steps use directly.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config,
  output: z.object({
    data: z.record(z.string(), z.unknown()),
    reasoning: z.string().optional(),
    ...modelOutputFields,
  }),
  outputFor: (c) =>
    z.object({ data: objectSchemaFor(c.fields), reasoning: z.string().optional(), ...modelOutputFields }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 300_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const system = toText(config.systemPrompt)
    const res = await askModel(
      {
        ...modelSettings(config),
        messages: [
          ...(system.trim() ? [{ role: 'system' as const, content: system }] : []),
          { role: 'user', content: requiredText(config.prompt, 'The prompt') },
        ],
        responseFormat: { type: 'json_schema', name: 'output', schema: jsonSchemaFor(config.fields) },
      },
      ctx,
    )
    const data = checkModelData(res, objectSchemaFor(config.fields))
    return { data, ...(res.reasoning ? { reasoning: res.reasoning } : {}), ...modelReport(res) }
  },
})
