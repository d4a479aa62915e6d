import type { FileStore, Store } from '@zhiliu/db'
import type { NodeRegistry } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import type { Cluster } from './cluster/open-cluster.ts'
import type { ServerConfig } from './config.ts'
import type { KnowledgeService } from './knowledge/knowledge-service.ts'
import type { Metrics } from './metrics/create-metrics.ts'
import type { ModelService } from './models/create-model-service.ts'
import type { RunService } from './runs/run-service.ts'
import type { Redactor } from './security/redact.ts'
import type { SecretBox } from './security/secret-box.ts'
import type { StorageMonitor } from './storage/storage-monitor.ts'
import type { CallbackOutbox } from './webhooks/callback-outbox.ts'

/**
 * What the HTTP layer is built from. `createServerRuntime` (main path) wires the real things; tests build the same
 * object over a temp SQLite file and local fakes, then call `createApp(deps)` and drive it with `app.request()`.
 */
export interface AppDeps {
  config: ServerConfig
  store: Store
  /** Uploaded and generated media: DATA_DIR/media with SQLite, the database with DATABASE_URL (see openStore). */
  files: FileStore
  logger: Logger
  registry: NodeRegistry
  secretBox: SecretBox
  redactor: Redactor
  now: () => number
  /** The default model provider, prices, provider connections and each run's model gateway. */
  models: ModelService
  /** What `/metrics` reports; the run service and the webhook routes feed it. */
  metrics: Metrics
  /** Whether the database can write, and the run history's size: runs are refused while it is full. */
  storage: StorageMonitor
  /** Knowledge bases: the search every caller uses and the worker that processes uploaded documents. */
  knowledge: KnowledgeService
  /** Starts, cancels, re-runs and streams runs; owns the run queue's worker. */
  runs: RunService
  /** Set when REDIS_URL is: what this process shares with the others on the same database. */
  cluster?: Cluster
  /** Async webhook callbacks, stored with their runs and delivered by whichever process finds them due. */
  callbacks: CallbackOutbox
}
