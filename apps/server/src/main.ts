import { createServerRuntime } from './create-server-runtime.ts'

// `npm start`: the Zhiliu server. Configuration comes from the environment (see config.ts).
const runtime = await createServerRuntime(process.env)
await runtime.start()

let stopping = false
const stop = (signal: string) => {
  // A second signal while stopping means "now": leave at once, runs are recovered on the next start.
  if (stopping) process.exit(1)
  stopping = true
  runtime.stop(signal).then(
    () => process.exit(0),
    (err: unknown) => {
      runtime.logger.error({ err }, 'shutdown failed')
      process.exit(1)
    },
  )
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
