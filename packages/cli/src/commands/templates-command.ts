import type { Locale } from '@zhiliu/nodes'
import { formatTable } from '../format-table.ts'
import { loadTemplates, templateSummary } from '../templates.ts'
import type { CommandIO } from './validate-command.ts'

/** Lists the templates: a table, or `[{"slug","title","description"}]` in the chosen language with --json. */
export async function templatesCommand(
  options: { json: boolean; lang: Locale; dir?: string },
  io: CommandIO,
): Promise<number> {
  const summaries = (await loadTemplates(options.dir)).map((t) => templateSummary(t, options.lang))
  if (options.json) {
    io.out(JSON.stringify(summaries))
    return 0
  }
  io.out(
    formatTable(
      ['slug', 'title'],
      summaries.map((s) => [s.slug, s.title]),
    ),
  )
  io.out('')
  io.out(
    options.lang === 'zh-CN'
      ? '运行模板（离线演示模型、自带示例输入）：zhiliu run --template <slug> --demo'
      : 'Run one with its sample input on the offline demo model: zhiliu run --template <slug> --demo',
  )
  return 0
}
