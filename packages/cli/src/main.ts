import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Locale } from '@zhiliu/nodes'
import { CliError } from './cli-error.ts'
import { nodesCommand } from './commands/nodes-command.ts'
import { type RunCommandOptions, runCommand } from './commands/run-command.ts'
import { templatesCommand } from './commands/templates-command.ts'
import { type CommandIO, validateCommand } from './commands/validate-command.ts'

const usage = `zhiliu — run and check Zhiliu (智流) flows

Usage:
  zhiliu validate FILE [--json]                 check a flow; exit 1 and list every problem
  zhiliu run FILE [--input JSON | --input-file F] [--json] [--demo]
                                                run a flow; a per-node table, then the output.
                                                AI nodes use OPENAI_BASE_URL, OPENAI_API_KEY and
                                                ZHILIU_DEFAULT_MODEL; with no key, or with --demo,
                                                the offline demo model
  zhiliu run --template SLUG [--demo] [--json]  run a template with its own sample input (or --input);
                                                a run that reaches an approval stops there with
                                                status "waiting" and exit code 0
  zhiliu run … --out DIR                        where saved files, pages and generated media go
                                                (default: ./zhiliu-output)
  zhiliu nodes [--json]                         list the node types
  zhiliu templates [--json]                     list the templates (--json: [{slug,title,description}])

  --lang zh-CN|en   language of messages and titles (default: from LANG)
  zhiliu help`

const io: CommandIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      'input-file': { type: 'string' },
      json: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      template: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [command, file] = positionals
  if (values.help || command === undefined || command === 'help') {
    io.out(usage)
    return 0
  }
  const lang = chooseLocale(values.lang, process.env.LANG)
  if (command === 'nodes') return nodesCommand({ json: values.json, lang }, io)
  if (command === 'templates') return templatesCommand({ json: values.json, lang }, io)
  if (command !== 'validate' && command !== 'run')
    throw new CliError(`unknown command "${command}"\n\n${usage}`)
  if (command === 'run' && values.template !== undefined) {
    if (file !== undefined) throw new CliError('give either a flow file or --template, not both')
    return runCommand(undefined, runOptions(values, lang), io)
  }
  if (file === undefined)
    throw new CliError(
      `"zhiliu ${command}" needs a flow file, e.g. zhiliu ${command} examples/branch-merge.json${command === 'run' ? ', or --template SLUG (see zhiliu templates)' : ''}`,
    )
  if (command === 'validate') return validateCommand(file, { json: values.json, lang }, io)
  return runCommand(file, runOptions(values, lang), io)
}

function runOptions(
  values: {
    input?: string
    'input-file'?: string
    json: boolean
    demo: boolean
    template?: string
    out?: string
  },
  lang: Locale,
): RunCommandOptions {
  return {
    input: values.input,
    inputFile: values['input-file'],
    json: values.json,
    lang,
    demo: values.demo,
    outDir: resolve(values.out ?? 'zhiliu-output'),
    ...(values.template !== undefined ? { template: values.template } : {}),
  }
}

/** `--lang` wins; otherwise a Chinese system locale gets Chinese messages, everything else English. */
function chooseLocale(flag: string | undefined, systemLang: string | undefined): Locale {
  if (flag !== undefined) {
    if (flag === 'zh-CN' || flag === 'en') return flag
    throw new CliError(`--lang must be zh-CN or en, not "${flag}"`)
  }
  return systemLang?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (err) {
  // Bad files, bad JSON and bad flags are the user's to fix: one line, no stack trace.
  const known = err instanceof CliError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  io.err(`zhiliu: ${known ? (err as Error).message : `unexpected error: ${(err as Error).stack ?? err}`}`)
  process.exitCode = err instanceof CliError ? err.exitCode : known ? 2 : 3
}
