import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { NodeError } from '../errors.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { jsonErrorPosition } from './json-error-position.ts'
import { inPort, outPort } from './ports.ts'

/**
 * AI models like to wrap JSON in a Markdown code fence and editors add a byte-order mark; neither is part of the
 * data, so both are removed before parsing.
 */
function unwrap(text: string): string {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  const fenced = /^```[A-Za-z]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/.exec(trimmed)
  return fenced?.[1] ?? trimmed
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  return { line, column: position - before.lastIndexOf('\n') }
}

export const dataParseJson = defineNode({
  type: 'data.parse-json',
  version: 1,
  category: 'data',
  title: t('解析 JSON', 'Parse JSON'),
  description: t(
    '把 JSON 格式的文字（例如 AI 按要求输出的结构化结果）变成数据，后面的步骤就能取出其中的字段。',
    'Turns JSON text, such as structured output from an AI model, into data whose fields later steps can use.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    text: field(z.unknown().default(''), {
      widget: 'template',
      label: t('JSON 文字', 'JSON text'),
      placeholder: t('{{ nodes.ai.text }}', '{{ nodes.ai.text }}'),
    }),
  }),
  output: z.object({ value: z.unknown() }),
  sideEffects: false,
  async run({ config }) {
    // A reference to data that is already parsed (an object, a list) needs no parsing.
    if (typeof config.text !== 'string') return { value: config.text ?? null }
    const text = unwrap(config.text)
    if (text === '') throw new NodeError('JSON_INVALID', 'There is no text to parse as JSON')
    try {
      return { value: JSON.parse(text) as unknown }
    } catch {
      const position = jsonErrorPosition(text) ?? text.length
      const { line, column } = lineAndColumn(text, position)
      const near = JSON.stringify(text.slice(Math.max(0, position - 10), position + 10))
      throw new NodeError('JSON_INVALID', `Not valid JSON at line ${line}, column ${column} (near ${near})`, {
        details: { position, line, column },
      })
    }
  },
})
