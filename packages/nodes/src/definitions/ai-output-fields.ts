import { z } from 'zod'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { FieldName } from './field-name.ts'

export const OutputFieldType = z.enum(['string', 'number', 'integer', 'boolean', 'string_list'])
export type OutputFieldType = z.infer<typeof OutputFieldType>

/** One field the model must fill: the visual schema editor edits a list of these. */
export const OutputField = z.object({
  name: field(FieldName, {
    widget: 'text',
    template: false,
    label: t('字段名', 'Field name'),
    placeholder: t('例如 title', 'e.g. title'),
    help: t(
      '后面的节点用 {{ nodes.本节点.data.字段名 }} 引用。',
      'Later nodes use it as {{ nodes.<this node>.data.<name> }}.',
    ),
  }),
  type: field(OutputFieldType.default('string'), {
    widget: 'select',
    label: t('类型', 'Type'),
    options: {
      string: t('文本', 'Text'),
      number: t('数字', 'Number'),
      integer: t('整数', 'Whole number'),
      boolean: t('是/否', 'Yes/No'),
      string_list: t('文本列表', 'List of texts'),
    },
  }),
  description: field(z.string().max(500).default(''), {
    widget: 'text',
    template: false,
    label: t('说明', 'Description'),
    placeholder: t('告诉模型这个字段要填什么', 'Tell the model what goes here'),
  }),
  required: field(z.boolean().default(true), {
    widget: 'switch',
    label: t('必须有值', 'Required'),
    help: t('关闭时，模型找不到可以填 null。', 'When off, the model may answer null.'),
  }),
})
export type OutputField = z.infer<typeof OutputField>

export function outputFieldList(defaults: OutputField[]) {
  return z
    .array(OutputField)
    .min(1, 'add at least one field')
    .max(100)
    .refine(
      (fields) => new Set(fields.map((f) => f.name)).size === fields.length,
      'field names must be unique',
    )
    .default(defaults)
}

/** Each field type once: the zod schema that types the output, and the JSON schema the model is asked for. */
const fieldTypes: Record<OutputFieldType, { zod: () => z.ZodType; json: { type: string; items?: object } }> =
  {
    string: { zod: () => z.string(), json: { type: 'string' } },
    number: { zod: () => z.number(), json: { type: 'number' } },
    integer: { zod: () => z.int(), json: { type: 'integer' } },
    boolean: { zod: () => z.boolean(), json: { type: 'boolean' } },
    string_list: { zod: () => z.array(z.string()), json: { type: 'array', items: { type: 'string' } } },
  }

/** The object the fields describe; a field that is not required may be null. */
export function objectSchemaFor(fields: readonly OutputField[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {}
  for (const f of fields) {
    // The description travels into the JSON schema, where the editor labels the field by it.
    const schema = fieldTypes[f.type].zod().describe(f.description || f.name)
    shape[f.name] = f.required ? schema : schema.nullable()
  }
  return z.strictObject(shape)
}

/**
 * The JSON schema for the model, in the form OpenAI's strict mode accepts (every property listed as required,
 * optional ones nullable, no extra properties), which every other provider accepts as well.
 */
export function jsonSchemaFor(fields: readonly OutputField[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  for (const f of fields) {
    const { type, ...rest } = fieldTypes[f.type].json
    properties[f.name] = {
      type: f.required ? type : [type, 'null'],
      ...rest,
      ...(f.description ? { description: f.description } : {}),
    }
  }
  return { type: 'object', properties, required: fields.map((f) => f.name), additionalProperties: false }
}
