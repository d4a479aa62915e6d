import { formatProblem, validateFlow } from '@zhiliu/engine'
import type { Locale } from '@zhiliu/nodes'
import { readJsonFile } from '../read-json-file.ts'

export interface CommandIO {
  out(text: string): void
  err(text: string): void
}

export async function validateCommand(
  file: string,
  options: { json: boolean; lang: Locale },
  io: CommandIO,
): Promise<number> {
  const result = validateFlow(await readJsonFile(file, 'flow file'))
  if (options.json) {
    io.out(JSON.stringify({ ok: result.ok, problems: result.problems }))
    return result.ok ? 0 : 1
  }
  const errors = result.problems.filter((p) => p.severity === 'error')
  const warnings = result.problems.filter((p) => p.severity === 'warning')
  for (const warning of warnings) io.err(`  ! ${formatProblem(warning, options.lang)}`)
  if (result.ok) {
    io.out(`✓ ${file} is a valid flow (${result.flow.nodes.length} nodes, ${result.flow.edges.length} edges)`)
    return 0
  }
  io.err(`✗ ${file} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:`)
  for (const problem of errors) io.err(`  - ${formatProblem(problem, options.lang)}`)
  return 1
}
