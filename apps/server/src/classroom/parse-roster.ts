/** One student as the owner pasted them: the line they are on (1-based, as an editor shows it), name, e-mail. */
export interface RosterRow {
  line: number
  name: string
  email?: string
}

const HEADER = /^(name|姓名|名字|学生姓名)$/i
// A spreadsheet pastes tab-separated; a CSV file has commas; people type Chinese commas or semicolons.
const SEPARATOR = /[\t,，;；]/

/** A line's cells; a cell in double quotes (CSV) may hold separators, and `""` inside it is one quote. */
function cellsOf(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? ''
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"'
      i++
    } else if (ch === '"' && (quoted || !cell.trim())) {
      quoted = !quoted
    } else if (!quoted && SEPARATOR.test(ch)) {
      cells.push(cell.trim())
      cell = ''
    } else cell += ch
  }
  cells.push(cell.trim())
  return cells
}

/**
 * A pasted list or CSV: one student a line, `name` or `name, e-mail` (tab, comma, Chinese comma or semicolon
 * between), blank lines skipped, a first line reading `name`/`姓名` taken as a header.
 */
export function parseRoster(text: string): RosterRow[] {
  const rows: RosterRow[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  lines.forEach((raw, index) => {
    if (!raw.trim()) return
    const [name = '', email = ''] = cellsOf(raw)
    if (rows.length === 0 && HEADER.test(name)) return
    rows.push({ line: index + 1, name, ...(email ? { email } : {}) })
  })
  return rows
}
