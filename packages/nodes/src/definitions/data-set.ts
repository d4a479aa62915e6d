import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { convertValue, ValueType, valueTypeSchemas } from './convert-value.ts'
import { FieldName } from './field-name.ts'
import { inPort, outPort } from './ports.ts'

const SetField = z.object({
  name: field(FieldName, {
    widget: 'text',
    template: false,
    label: t('字段名', 'Field name'),
    placeholder: t('例如 title', 'e.g. title'),
  }),
  value: field(z.unknown().default(''), {
    widget: 'template',
    label: t('值', 'Value'),
    placeholder: t('{{ trigger.body.title }}', '{{ trigger.body.title }}'),
  }),
  type: field(ValueType.default('auto'), {
    widget: 'select',
    label: t('类型', 'Type'),
    options: {
      auto: t('保持原样', 'Keep as is'),
      string: t('文本', 'Text'),
      number: t('数字', 'Number'),
      boolean: t('是/否', 'Yes/No'),
      json: t('JSON', 'JSON'),
    },
  }),
})

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const dataSet = defineNode({
  type: 'data.set',
  version: 1,
  category: 'data',
  title: t('设置字段', 'Set fields'),
  description: t(
    '整理出一组命名的字段，后面的步骤用 {{ nodes.本节点.字段名 }} 引用，不用写代码。',
    'Builds a set of named fields that later steps use as {{ nodes.<this node>.<field> }}; no code needed.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    fields: field(
      z
        .array(SetField)
        .max(200)
        .refine(
          (fields) => new Set(fields.map((f) => f.name)).size === fields.length,
          'field names must be unique',
        )
        .default([]),
      { widget: 'list', label: t('字段', 'Fields') },
    ),
    keepInput: field(z.boolean().default(false), {
      widget: 'switch',
      label: t('保留上一步的字段', 'Keep incoming fields'),
      help: t(
        '开启后在上一步输出的基础上添加或覆盖这些字段。',
        "Adds these fields to the previous step's output, replacing any with the same name.",
      ),
    }),
  }),
  output: z.record(z.string(), z.unknown()),
  outputFor: (config) => {
    const shape = Object.fromEntries(config.fields.map((f) => [f.name, valueTypeSchemas[f.type]]))
    return config.keepInput ? z.looseObject(shape) : z.strictObject(shape)
  },
  sideEffects: false,
  async run({ config, inputs }) {
    const entries: [string, unknown][] = []
    for (const f of config.fields) {
      const converted = convertValue(f.value, f.type)
      if (!converted.ok) {
        throw new NodeError('FIELD_CONVERSION', `Field "${f.name}": ${converted.reason}`, {
          details: { field: f.name, type: f.type },
        })
      }
      entries.push([f.name, converted.value])
    }
    const base = config.keepInput && isPlainObject(inputs.in) ? inputs.in : {}
    return { ...base, ...Object.fromEntries(entries) }
  },
})
