/**
 * `npm run bench`: every benchmark in turn, each printing its own figures. Benchmarks measure; tests assert.
 * Run on an otherwise idle machine for comparable numbers.
 */
import { benchEditor } from '../tests/e2e/bench-editor.ts'
import { benchAi } from './ai.ts'
import { benchEngine } from './engine.ts'
import { benchExpressions } from './expressions.ts'
import { benchFuzz } from './fuzz.ts'
import { benchHotPath } from './hot-path.ts'
import { benchPrune } from './prune.ts'
import { benchQueue } from './queue.ts'
import { benchRetrieval } from './retrieval.ts'
import { benchStartup } from './startup.ts'
import { benchStorage } from './storage.ts'
import { benchValidate } from './validate.ts'
import { benchWebhook } from './webhook.ts'
import { benchWorkers } from './workers.ts'

const suites: Array<[string, () => Promise<string[]>]> = [
  ['engine', benchEngine],
  ['hot-path', benchHotPath],
  ['expressions', benchExpressions],
  ['validate', benchValidate],
  ['webhook', benchWebhook],
  ['editor', benchEditor],
  ['ai', benchAi],
  ['fuzz', benchFuzz],
  ['queue', benchQueue],
  ['workers', benchWorkers],
  ['startup', benchStartup],
  ['prune', benchPrune],
  ['storage', benchStorage],
  ['retrieval', benchRetrieval],
]

const only = process.argv[2]
for (const [name, suite] of suites) {
  if (only && only !== name) continue
  console.log(`# ${name}`)
  for (const line of await suite()) console.log(line)
}
