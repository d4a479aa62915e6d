import { validateFlow } from '@zhiliu/engine'
import { formatProblem } from '../format-problems.ts'
import { readJsonFile } from '../read-json-file.ts'

export interface CommandIO {
  out(text: string): void
  err(text: string): void
}

export async function validateCommand(
  file: string,
  options: { json: boolean },
  io: CommandIO,
): Promise<number> {
  const result = validateFlow(await readJsonFile(file, 'flow file'))
  if (options.json) {
    io.out(JSON.stringify({ ok: result.ok, problems: result.problems }))
    return result.ok ? 0 : 1
  }
  if (result.ok) {
    io.out(`✓ ${file} is a valid flow (${result.flow.nodes.length} nodes, ${result.flow.edges.length} edges)`)
    return 0
  }
  const count = result.problems.length
  io.err(`✗ ${file} has ${count} problem${count === 1 ? '' : 's'}:`)
  for (const problem of result.problems) io.err(`  - ${formatProblem(problem)}`)
  return 1
}
