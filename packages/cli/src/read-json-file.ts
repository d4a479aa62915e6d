import { readFile } from 'node:fs/promises'
import { CliError } from './cli-error.ts'

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
    throw new CliError(`cannot read ${what} ${path}: ${reason}`)
  }
  return parseJson(text, `${what} ${path}`)
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new CliError(`${what} is not valid JSON: ${(err as Error).message}`)
  }
}
