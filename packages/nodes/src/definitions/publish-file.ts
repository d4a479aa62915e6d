import { z } from 'zod'
import { defineNode } from '../define-node.ts'
import { t } from '../localized.ts'
import { fileContent, fileExtensions, fileFormats } from '../publish/file-content.ts'
import { checkMaxLength } from '../publish/max-length.ts'
import { optionalText, requireText } from '../publish/require-text.ts'
import { field } from '../ui-hints.ts'
import { inPort, outPort } from './ports.ts'
import { toText } from './to-text.ts'

const MAX_FILE_CHARS = 5_000_000

export const publishFile = defineNode({
  type: 'publish.file',
  version: 1,
  category: 'publish',
  title: t('保存为文件', 'Save as file'),
  description: t(
    '把结果写成 Markdown、HTML、JSON 或 CSV 文件，保存在服务器数据目录的 files 文件夹里；不能写到它外面。',
    'Writes the result as a Markdown, HTML, JSON or CSV file into the files folder of the server’s data directory, never outside it.',
  ),
  inputs: [inPort],
  outputs: [outPort],
  config: z.object({
    format: field(z.enum(fileFormats).default('markdown'), {
      widget: 'select',
      label: t('格式', 'Format'),
      options: {
        markdown: t('Markdown（.md）', 'Markdown (.md)'),
        html: t('HTML 网页（由 Markdown 生成）', 'HTML page (from Markdown)'),
        json: t('JSON', 'JSON'),
        csv: t('CSV 表格（Excel 可打开）', 'CSV table (opens in Excel)'),
      },
    }),
    folder: field(z.unknown().default(''), {
      widget: 'text',
      label: t('文件夹', 'Folder'),
      placeholder: t('稿件/本周', 'drafts/this-week'),
      help: t(
        'files 文件夹下的相对路径，用 / 分隔；不存在会自动创建。不能用 ..、绝对路径或盘符。',
        'A path inside the files folder, separated by /; created when missing. No .., absolute paths or drive letters.',
      ),
    }),
    filename: field(z.unknown().default(''), {
      widget: 'text',
      label: t('文件名', 'File name'),
      placeholder: t('{{ nodes.write.title }}', '{{ nodes.write.title }}'),
      help: t(
        '没有扩展名时自动加上（.md、.html、.json、.csv）。同名文件会被替换。',
        'The extension (.md, .html, .json, .csv) is added when missing. A file of the same name is replaced.',
      ),
    }),
    title: field(z.unknown().default(''), {
      widget: 'text',
      label: t('网页标题（仅 HTML）', 'Page title (HTML only)'),
      help: t('留空则用文件名。', 'Empty uses the file name.'),
    }),
    content: field(z.unknown().default(''), {
      widget: 'textarea',
      label: t('内容', 'Content'),
      placeholder: t('{{ nodes.write.text }}', '{{ nodes.write.text }}'),
      help: t(
        'Markdown/HTML：Markdown 文本。JSON：任意值。CSV：行的列表（对象或数组），或写好的 CSV 文本。',
        'Markdown/HTML: Markdown text. JSON: any value. CSV: a list of rows (objects or lists), or CSV text.',
      ),
    }),
  }),
  output: z.object({
    platform: z.literal('file'),
    /** Relative to the files folder, `/`-separated. */
    path: z.string(),
    format: z.enum(fileFormats),
    bytes: z.int(),
    /** True when this step had already written the file (a retry or resume) and nothing was written now. */
    duplicate: z.boolean(),
  }),
  timeoutMs: 60_000,
  sideEffects: 'keyed',
  async run({ config }, ctx) {
    const extension = fileExtensions[config.format]
    const named = requireText(config.filename, 'filename').trim()
    const filename = named.toLowerCase().endsWith(extension) ? named : `${named}${extension}`
    requireText(config.content, 'content')
    const content = checkMaxLength(fileContent(config.format, config.content), MAX_FILE_CHARS, 'content')
    const title = optionalText(config.title) || filename.slice(0, -extension.length)
    const receipt = await ctx.publish.writeFile({
      key: ctx.idempotencyKey,
      folder: toText(config.folder).trim(),
      filename,
      content,
      ...(config.format === 'html' ? { html: { title } } : {}),
    })
    return { platform: 'file' as const, format: config.format, ...receipt }
  },
})
