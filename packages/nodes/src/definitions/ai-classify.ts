import { z } from 'zod'
import { defineNode, route } from '../define-node.ts'
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
import { inPort } from './ports.ts'
import { toText } from './to-text.ts'

const Category = z.object({
  // The id names an output port, which edges refer to; the label is what people see on the canvas.
  id: field(
    z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
        'a category id starts with a letter or _ and has only letters, digits and _',
      )
      .refine((id) => id !== 'error', 'error is a reserved port name'),
    {
      widget: 'text',
      template: false,
      label: t('类别编号', 'Category id'),
      placeholder: t('sports', 'sports'),
    },
  ),
  label: field(z.string().max(100).default(''), {
    widget: 'text',
    template: false,
    label: t('类别名称', 'Category name'),
    placeholder: t('例如 体育', 'e.g. Sports'),
  }),
  description: field(z.string().max(1000).default(''), {
    widget: 'text',
    template: false,
    label: t('说明', 'Description'),
    placeholder: t('什么样的内容属于这一类', 'What belongs in this category'),
  }),
})
type Category = z.infer<typeof Category>

const config = z.object({
  ...modelFields,
  text: field(z.unknown().default(''), {
    required: true,
    widget: 'textarea',
    label: t('要分类的内容', 'Text to classify'),
    placeholder: t('{{ trigger.body.text }}', '{{ trigger.body.text }}'),
  }),
  categories: field(
    z
      .array(Category)
      .min(2, 'give at least two categories')
      .max(50)
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'category ids must be unique')
      .default([
        { id: 'praise', label: '表扬', description: '满意、感谢、称赞' },
        { id: 'complaint', label: '投诉', description: '不满、问题、要求处理' },
      ]),
    {
      widget: 'list',
      label: t('类别', 'Categories'),
      help: t(
        '每个类别是一条分支；说明写得越清楚，分得越准。',
        'Each category is a branch; clearer descriptions classify better.',
      ),
    },
  ),
  instructions: field(z.unknown().default(''), {
    widget: 'textarea',
    label: t('补充要求', 'Extra instructions'),
    placeholder: t('拿不准时归为投诉。', 'When unsure, choose complaint.'),
  }),
})

const nameOf = (c: Category) => c.label || c.id

/** One line per category, `id: name, description`: the model reads it, and so does the demo model. */
function categoryLines(categories: readonly Category[]): string {
  return categories.map((c) => `${c.id}: ${nameOf(c)}${c.description ? `，${c.description}` : ''}`).join('\n')
}

export const aiClassify = defineNode({
  type: 'ai.classify',
  version: 1,
  category: 'ai',
  title: t('AI 分类', 'AI classify'),
  description: t(
    '让大模型判断内容属于哪一类，流程沿着那一类的分支继续，例如把留言分成表扬和投诉。',
    'Has a language model decide which category a text belongs to; the flow continues down that branch.',
  ),
  inputs: [inPort],
  // Old configs may lack categories while the editor builds the catalogue; no ports then, not a crash.
  outputs: (c) => (c.categories ?? []).map((cat) => ({ name: cat.id, label: t(nameOf(cat), nameOf(cat)) })),
  config,
  output: z.object({
    category: z.string(),
    label: z.string(),
    reason: z.string(),
    ...modelOutputFields,
  }),
  retry: { maxAttempts: 3, backoffMs: 2000 },
  timeoutMs: 120_000,
  sideEffects: false,
  async run({ config }, ctx) {
    const ids = config.categories.map((c) => c.id) as [string, ...string[]]
    const extra = toText(config.instructions).trim()
    const lines = categoryLines(config.categories)
    const system =
      `Classify the text the user sends into exactly one of these categories (id: name, description):\n${lines}\n` +
      `Answer with the category id and a one-sentence reason in the language of the text.${extra ? `\n${extra}` : ''}`
    const schema = {
      type: 'object',
      properties: {
        category: { type: 'string', enum: ids, description: lines },
        reason: { type: 'string', description: 'one short sentence' },
      },
      required: ['category', 'reason'],
      additionalProperties: false,
    }
    const res = await askModel(
      {
        ...modelSettings(config),
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: requiredText(config.text, 'The text to classify') },
        ],
        responseFormat: { type: 'json_schema', name: 'classification', schema },
      },
      ctx,
    )
    const answer = checkModelData(res, z.object({ category: z.enum(ids), reason: z.string() }))
    const chosen = config.categories.find((c) => c.id === answer.category)
    return route(answer.category, {
      category: answer.category,
      label: chosen ? nameOf(chosen) : answer.category,
      reason: answer.reason,
      ...modelReport(res),
    })
  },
})
