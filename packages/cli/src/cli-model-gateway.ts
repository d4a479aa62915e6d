import {
  createModelGateway,
  defaultProviderFromEnv,
  demoProvider,
  type MeteredModelGateway,
} from '@zhiliu/models'
import { NodeError } from '@zhiliu/nodes'
import { CliError } from './cli-error.ts'

export interface CliModelOptions {
  /** `--demo`: every AI node uses the offline demo model, whatever the environment or the flow says. */
  demo: boolean
  env: Readonly<Record<string, string | undefined>>
  /** Told once, on the first model call, when the answers will come from the demo model. */
  note(text: string): void
  /** Pause per streamed demo piece; by default ZHILIU_DEMO_PACE_MS, else 20 ms, which reads like a real model. */
  demoChunkDelayMs?: number
}

/**
 * The CLI's models: the default provider from `OPENAI_BASE_URL`, `OPENAI_API_KEY` and `ZHILIU_DEFAULT_MODEL`, or the
 * offline demo model when no key is set (so every example runs offline) or when `--demo` forces it.
 */
export function createCliModelGateway(options: CliModelOptions): MeteredModelGateway {
  const provider = options.demo ? demoProvider() : defaultProviderFromEnv(options.env)
  let noted = false
  return createModelGateway({
    resolveProvider(providerId) {
      if (providerId && !options.demo) {
        throw new NodeError(
          'PROVIDER_NOT_FOUND',
          `The node uses the model provider credential "${providerId}", but the command line has no credential store. ` +
            'Clear the node’s provider to use the default one (OPENAI_BASE_URL, OPENAI_API_KEY), or run with --demo.',
        )
      }
      if (provider.preset.id === 'demo' && !noted) {
        noted = true
        const why = options.demo ? '--demo' : 'no OPENAI_API_KEY is set'
        options.note(
          `note: AI nodes use the offline demo model (${provider.preset.label['zh-CN']}) because ${why}: ` +
            'its answers are samples, not generated. Set OPENAI_API_KEY (and OPENAI_BASE_URL for DeepSeek, Qwen, Kimi…) to use a real model.',
        )
      }
      return provider
    },
    demo: { chunkDelayMs: options.demoChunkDelayMs ?? demoPace(options.env.ZHILIU_DEMO_PACE_MS) },
  })
}

/** `ZHILIU_DEMO_PACE_MS`, as the server reads it: whole milliseconds from 0 (at once) to 2000. */
function demoPace(value: string | undefined): number {
  if (value === undefined || value === '') return 20
  const ms = Number(value)
  if (!Number.isInteger(ms) || ms < 0 || ms > 2000) {
    throw new CliError(`ZHILIU_DEMO_PACE_MS must be whole milliseconds from 0 to 2000, not "${value}"`)
  }
  return ms
}
