import { buildCatalogue, builtinNodes, type Locale } from '@zhiliu/nodes'
import { formatTable } from '../format-table.ts'
import type { CommandIO } from './validate-command.ts'

/** Lists the node catalogue: the same data the editor's palette and `GET /api/nodes` show. */
export function nodesCommand(options: { json: boolean; lang: Locale }, io: CommandIO): number {
  const catalogue = buildCatalogue(builtinNodes)
  if (options.json) {
    io.out(JSON.stringify(catalogue))
    return 0
  }
  const rows = catalogue.nodes
    .filter((entry) => entry.latest)
    .map((entry) => [entry.type, `v${entry.version}`, entry.category, entry.title[options.lang]])
  io.out(formatTable(['type', 'version', 'category', 'title'], rows))
  return 0
}
