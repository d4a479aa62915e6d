import { createServerRuntime } from './create-server-runtime.ts'
import { openLine } from './open-line.ts'
import { watchParent } from './watch-parent.ts'

// `npm start`: the Zhiliu server. Configuration comes from the environment (see config.ts).
const runtime = await createServerRuntime(process.env)
const { url } = await runtime.start()
if (runtime.config.role !== 'worker') process.stderr.write(openLine(url))

let stopping = false
let signals = 0
let unwatchParent = () => {}
const stop = (reason: string, bySignal = true) => {
  // A second signal while stopping means "now": leave at once, runs are recovered on the next start. The parent
  // going away is no such request: Ctrl+C reaches the server and its wrapper shell at the same moment.
  if (bySignal && ++signals > 1) process.exit(1)
  if (stopping) return
  stopping = true
  unwatchParent()
  runtime.stop(reason).then(
    () => process.exit(0),
    (err: unknown) => {
      runtime.logger.error({ err }, 'shutdown failed')
      process.exit(1)
    },
  )
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
// Started by a package manager's script (`npm start`): its wrapper shell may die of a signal the server never gets.
// Started directly (systemd, a container, nohup), the server outlives whoever launched it, as a server should.
if (process.env.npm_lifecycle_event) unwatchParent = watchParent(() => stop('parent exited', false))
