import { toText } from '../definitions/to-text.ts'
import { NodeError } from '../errors.ts'

export const fileFormats = ['markdown', 'html', 'json', 'csv'] as const
export type FileFormat = (typeof fileFormats)[number]

export const fileExtensions: Record<FileFormat, string> = {
  markdown: '.md',
  html: '.html',
  json: '.json',
  csv: '.csv',
}

/** Excel opens a CSV without it as the local code page, which garbles every Chinese character. */
const UTF8_BOM = '\uFEFF'

/** The file's text in `format`. HTML stays Markdown here: the server renders and sanitises it. */
export function fileContent(format: FileFormat, value: unknown): string {
  if (format === 'json') return `${JSON.stringify(jsonValue(value), null, 2)}\n`
  if (format === 'csv') return typeof value === 'string' ? value : UTF8_BOM + toCsv(value)
  return toText(value)
}

/** JSON text handed over as a string is written as what it says, not as one quoted string. */
function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/**
 * RFC 4180 rows from a list of objects (one column per key, in order of first appearance, with a header row) or a
 * list of lists (as given). A text cell that starts like a formula gets a leading apostrophe, so a spreadsheet shows
 * it instead of running it (CSV injection); numbers stay numbers.
 */
function toCsv(value: unknown): string {
  if (!Array.isArray(value)) {
    throw new NodeError(
      'PUBLISH_CONTENT_INVALID',
      'CSV content must be a list of rows (for example {{ nodes.rows.items }}) or CSV text',
      { details: { field: 'content' } },
    )
  }
  if (value.every(Array.isArray)) return lines(value.map((row: unknown[]) => row.map(cell)))
  const records = value.map((row: unknown): Record<string, unknown> => (isRecord(row) ? row : { value: row }))
  const columns = [...new Set(records.flatMap((row) => Object.keys(row)))]
  return lines([columns.map(cell), ...records.map((row) => columns.map((c) => cell(row[c])))])
}

const lines = (rows: string[][]) => rows.map((row) => `${row.join(',')}\r\n`).join('')

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function cell(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  let text = toText(value)
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
