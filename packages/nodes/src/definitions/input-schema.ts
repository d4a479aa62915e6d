import { z } from 'zod'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { InputFieldName } from './field-name.ts'

export const InputFieldType = z.enum(['string', 'number', 'boolean', 'object', 'array'])
export type InputFieldType = z.infer<typeof InputFieldType>

/** One field a trigger expects in its body; the editor turns the list into a test-input form. */
export const InputField = z.object({
  name: field(InputFieldName, {
    widget: 'text',
    template: false,
    label: t('字段名', 'Field name'),
    placeholder: t('例如 标题', 'e.g. title'),
    help: t(
      '中文或英文都可以（字母、数字和下划线，不含空格）；调用方按这个名字传值，后面的节点在「插入变量」里按名字选它。',
      'Letters (any language), digits and _, no spaces; callers send the value under this name, and later nodes pick it by name under "Insert variable".',
    ),
  }),
  type: field(InputFieldType.default('string'), {
    widget: 'select',
    label: t('类型', 'Type'),
    options: {
      string: t('文本', 'Text'),
      number: t('数字', 'Number'),
      boolean: t('是/否', 'Yes/No'),
      object: t('对象', 'Object'),
      array: t('列表', 'List'),
    },
  }),
  required: field(z.boolean().default(false), { widget: 'switch', label: t('必填', 'Required') }),
  description: field(z.string().max(500).default(''), {
    widget: 'text',
    template: false,
    label: t('说明', 'Description'),
    placeholder: t('给填写的人看的提示', 'A hint for whoever fills it in'),
  }),
})
export type InputField = z.infer<typeof InputField>

/** The config field shared by the manual and webhook triggers. */
export const inputSchemaField = field(
  z
    .array(InputField)
    .max(100)
    .refine(
      (fields) => new Set(fields.map((f) => f.name)).size === fields.length,
      'field names must be unique',
    )
    .default([]),
  {
    widget: 'list',
    template: false,
    label: t('输入字段', 'Input fields'),
    help: t(
      '声明这个流程需要哪些输入。运行时会先检查，缺少必填字段或类型不对就不会开始。',
      'What this flow expects as input. A run is refused when a required field is missing or has the wrong type.',
    ),
  },
)

const typeSchemas: Record<InputFieldType, () => z.ZodType> = {
  string: () => z.string(),
  number: () => z.number(),
  boolean: () => z.boolean(),
  object: () => z.record(z.string(), z.unknown()),
  array: () => z.array(z.unknown()),
}

/**
 * The body a trigger accepts. With no declared fields anything goes; otherwise an object whose declared fields have
 * their types, while undeclared extra fields pass through so that a caller adding data never breaks a flow.
 */
export function bodySchemaFor(fields: readonly InputField[]): z.ZodType {
  if (fields.length === 0) return anyBody
  // Every webhook call checks its body: building the zod schema costs far more than using it, so build it once
  // per distinct field list.
  const key = JSON.stringify(fields)
  const cached = bodySchemas.get(key)
  if (cached) return cached
  const shape: Record<string, z.ZodType> = {}
  for (const f of fields) {
    const schema = typeSchemas[f.type]().describe(f.description || f.name)
    shape[f.name] = f.required ? schema : schema.nullable().optional()
  }
  const built = z.looseObject(shape)
  bodySchemas.set(key, built)
  if (bodySchemas.size > MAX_CACHED_SCHEMAS) bodySchemas.delete(bodySchemas.keys().next().value as string)
  return built
}

const anyBody = z.unknown()
const bodySchemas = new Map<string, z.ZodType>()
const MAX_CACHED_SCHEMAS = 500

/** Checks a trigger's body, naming every bad field at once so the person can fix them in one go. */
export function validateBody(fields: readonly InputField[], body: unknown): unknown {
  // A manual run with an empty form, or a webhook without a body, is an empty object, not a type error.
  const value = fields.length > 0 && (body === undefined || body === null || body === '') ? {} : body
  const result = bodySchemaFor(fields).safeParse(value, { reportInput: true })
  if (result.success) return result.data
  const details = result.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    message:
      issue.code === 'invalid_type' && issue.input === undefined ? 'this field is required' : issue.message,
  }))
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ')
  throw new NodeError('INPUT_INVALID', `The input does not match the declared fields: ${summary}`, {
    details,
  })
}

/** The declared fields as a JSON Schema, for a tool's arguments and the editor's form of a called flow's inputs. */
export function inputJsonSchema(fields: readonly InputField[]): Record<string, unknown> {
  const properties = Object.fromEntries(
    fields.map((f) => [f.name, { type: f.type, ...(f.description ? { description: f.description } : {}) }]),
  )
  const required = fields.filter((f) => f.required).map((f) => f.name)
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }
}

/** A flow's input fields: those its trigger declares (a flow without a trigger that declares them takes anything). */
export function flowInputFields(nodes: readonly { config?: unknown }[]): InputField[] {
  for (const node of nodes) {
    const declared = (node.config as { inputSchema?: unknown } | undefined)?.inputSchema
    const parsed = z.array(InputField).safeParse(declared)
    if (parsed.success && parsed.data.length > 0) return parsed.data
  }
  return []
}
