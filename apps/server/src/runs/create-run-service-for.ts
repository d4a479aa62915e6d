import type { Access } from '@zhiliu/db'
import { createInProcessEventBus, createInProcessQueue } from '@zhiliu/engine'
import type { FetchLike, SecretReader } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { createSecretReader } from '../credentials/create-secret-reader.ts'
import { createNodeLogger } from './node-logger.ts'
import { createRunService, type RunService } from './run-service.ts'

export interface RunServiceWiring {
  /** The SSRF-guarded fetch nodes get as `ctx.fetch`. Left out, nodes that reach the network fail. */
  fetch?: FetchLike
  /** Replaces the credential reader; by default the run's owner's stored credentials, and no one else's. */
  secretsFor?: (access: Access) => SecretReader
}

/** The run service over the in-process queue and event bus, as the server process and the tests use it. */
export function createRunServiceFor(deps: Omit<AppDeps, 'runs'>, wiring: RunServiceWiring = {}): RunService {
  return createRunService({
    store: deps.store,
    queue: createInProcessQueue({ concurrency: deps.config.runConcurrency }),
    bus: createInProcessEventBus(),
    registry: deps.registry,
    redactor: deps.redactor,
    logger: deps.logger,
    now: deps.now,
    servicesFor(run) {
      const logger = createNodeLogger(deps.logger.child({ runId: run.runId }), deps.redactor)
      const access = { userId: run.ownerId, all: false }
      const secrets = wiring.secretsFor?.(access) ?? createSecretReader(deps, access)
      return { fetch: wiring.fetch, secrets, logger }
    },
  })
}
