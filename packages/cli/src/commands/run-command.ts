import { join } from 'node:path'
import { formatProblem, type RunResult, runFlow, validateFlow } from '@zhiliu/engine'
import type { RunUsage } from '@zhiliu/models'
import type { Locale, TriggerEvent } from '@zhiliu/nodes'
import { CliError } from '../cli-error.ts'
import { createCliMediaStore } from '../cli-media-store.ts'
import { createCliModelGateway } from '../cli-model-gateway.ts'
import { createLocalPublisher } from '../create-local-publisher.ts'
import { formatTable } from '../format-table.ts'
import { parseJson, readJsonFile } from '../read-json-file.ts'
import { createSampleKnowledge } from '../sample-knowledge.ts'
import { createTemplateFlows } from '../template-flows.ts'
import { findTemplate } from '../templates.ts'
import type { CommandIO } from './validate-command.ts'

export interface RunCommandOptions {
  input?: string
  inputFile?: string
  json: boolean
  lang: Locale
  /** Force the offline demo model for every AI node. */
  demo?: boolean
  /** Run this template from `templates/` (with its sample input unless --input or --input-file is given). */
  template?: string
  /** Where publish.file and publish.page write (`files/`, `pages/`); created on first write. */
  outDir: string
}

/**
 * Runs a flow file, or a template with `--template`. A run paused at an approval (`flow.approval`) ends with status
 * "waiting" and exit code 0: the command line has no approvals inbox, so that is as far as it goes.
 */
export async function runCommand(
  file: string | undefined,
  options: RunCommandOptions,
  io: CommandIO,
): Promise<number> {
  const template = options.template === undefined ? undefined : await findTemplate(options.template)
  const source = template ? `template ${template.slug}` : (file ?? '')
  // The command line keeps no credentials, so a step that needs one fails here whether or not one is chosen; an
  // unchosen one is only a warning, and a template runs up to its approval as it would on the server.
  const validation = validateFlow(template ? template.flow : await readJsonFile(source, 'flow file'), {
    unchosenCredentials: 'warning',
  })
  if (!validation.ok) {
    if (options.json) {
      io.out(JSON.stringify({ status: 'invalid', problems: validation.problems }))
    } else {
      io.err(`✗ ${source} cannot run; fix these first:`)
      for (const problem of validation.problems) io.err(`  - ${formatProblem(problem, options.lang)}`)
    }
    return 1
  }
  if (!options.json) {
    for (const problem of validation.problems) io.err(`  - ${formatProblem(problem, options.lang)}`)
  }
  const event: TriggerEvent = { body: await readInput(options, template?.sampleInput), method: 'CLI' }
  const controller = new AbortController()
  const stop = () => controller.abort(new Error('interrupted'))
  process.once('SIGINT', stop)
  const models = createCliModelGateway({ demo: options.demo ?? false, env: process.env, note: io.err })
  let result: RunResult
  try {
    const services = {
      fetch,
      models,
      publish: createLocalPublisher(options.outDir),
      media: createCliMediaStore(join(options.outDir, 'media')),
      knowledge: createSampleKnowledge(),
    }
    result = await runFlow({
      flow: validation.flow,
      event,
      signal: controller.signal,
      services: { ...services, flows: createTemplateFlows(() => services) },
    })
  } finally {
    process.off('SIGINT', stop)
  }
  const usage = models.usage()
  const modelUsage = usage.calls > 0 ? usage : undefined
  io.out(options.json ? JSON.stringify(toJsonReport(result, modelUsage)) : formatReport(result, modelUsage))
  return result.status === 'succeeded' || result.status === 'waiting' ? 0 : 1
}

async function readInput(options: RunCommandOptions, sampleInput?: unknown): Promise<unknown> {
  if (options.input !== undefined && options.inputFile !== undefined) {
    throw new CliError('give either --input or --input-file, not both')
  }
  if (options.inputFile !== undefined) return readJsonFile(options.inputFile, 'input file')
  if (options.input !== undefined) return parseJson(options.input, '--input')
  return sampleInput ?? {}
}

/** The machine-readable shape promised in the README: `{status, output, steps:[{nodeId,status,durationMs,…}]}`. */
function toJsonReport(result: RunResult, modelUsage: RunUsage | undefined) {
  return {
    runId: result.runId,
    status: result.status,
    output: result.output,
    ...(result.error ? { error: result.error } : {}),
    ...(modelUsage ? { modelUsage } : {}),
    steps: result.steps.map((step) => ({
      nodeId: step.nodeId,
      key: step.key,
      status: step.status,
      durationMs: step.finishedAt - step.startedAt,
      ...(step.error ? { error: step.error } : { output: step.output }),
    })),
  }
}

function formatReport(result: RunResult, modelUsage: RunUsage | undefined): string {
  const rows = result.steps.map((step) => [
    step.key,
    step.status,
    `${step.finishedAt - step.startedAt}`,
    step.error ? `${step.error.code}: ${step.error.message}` : '',
  ])
  const lines = [formatTable(['node', 'status', 'ms', 'error'], rows), '']
  if (result.status === 'succeeded') {
    lines.push('✓ succeeded. Output:', JSON.stringify(result.output, null, 2))
  } else if (result.status === 'waiting') {
    const waiting = result.steps.filter((step) => step.status === 'waiting').map((step) => step.key)
    lines.push(
      `⏸ waiting at ${waiting.join(', ')}: an approval needs a reviewer, which only the server's approvals inbox offers. ` +
        'Import the flow into the editor to approve it and publish.',
    )
  } else {
    const at = result.error?.nodeId ? ` at node "${result.error.nodeId}"` : ''
    lines.push(`✗ ${result.status}${at}: ${result.error?.message ?? 'no reason recorded'}`)
  }
  if (modelUsage) lines.push('', formatUsage(modelUsage))
  return lines.join('\n')
}

function formatUsage(usage: RunUsage): string {
  const tokens = usage.promptTokens + usage.completionTokens
  const reasoning = usage.reasoningTokens > 0 ? `, ${usage.reasoningTokens} of them reasoning` : ''
  const cost = `¥${usage.cost.cny.toFixed(4)} / $${usage.cost.usd.toFixed(4)}`
  return `model calls: ${usage.calls}, tokens: ${tokens} (prompt ${usage.promptTokens}, completion ${usage.completionTokens}${reasoning}), cost ≈ ${cost}`
}
