import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { field } from '../ui-hints.ts'
import { decodeEscapes } from './decode-escapes.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

export const textSplit = defineNode({
  type: 'text.split',
  version: 1,
  category: 'text',
  title: t('拆分文本', 'Split text'),
  description: t(
    '按分隔符把一段文字拆成多段，例如按行拆出一份名单，再交给“循环”逐条处理。',
    'Cuts a text into pieces at a separator, say one name per line, ready for a for-each loop.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    text: field(z.unknown().default(''), {
      widget: 'template',
      label: t('要拆分的文字', 'Text to split'),
      placeholder: t('{{ nodes.fetch.body }}', '{{ nodes.fetch.body }}'),
    }),
    separator: field(z.string().max(100).default('\\n'), {
      widget: 'text',
      label: t('分隔符', 'Separator'),
      help: t(
        '\\n 表示换行，\\t 表示制表符；留空则拆成单个字。',
        '\\n means a line break and \\t a tab; leave empty to split into single characters.',
      ),
    }),
    trim: field(z.boolean().default(true), { widget: 'switch', label: t('去掉首尾空格', 'Trim spaces') }),
    removeEmpty: field(z.boolean().default(true), {
      widget: 'switch',
      label: t('去掉空白段', 'Drop empty pieces'),
    }),
  }),
  output: z.object({ parts: z.array(z.string()), count: z.int() }),
  sideEffects: false,
  async run({ config }) {
    const text = toText(config.text)
    const separator = decodeEscapes(config.separator)
    let parts: string[]
    if (separator === '')
      parts = Array.from(text) // by code point, so a Chinese character or emoji stays whole
    else if (separator === '\n')
      parts = text.split(/\r?\n/) // text pasted from Windows ends lines with \r\n
    else parts = text.split(separator)
    if (config.trim) parts = parts.map((part) => part.trim())
    if (config.removeEmpty) parts = parts.filter((part) => part !== '')
    return { parts, count: parts.length }
  },
})
