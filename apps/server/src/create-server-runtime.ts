import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { builtinNodes, createRegistry } from '@zhiliu/nodes'
import type { Logger } from 'pino'
import type { AppDeps } from './app-deps.ts'
import { startApprovalDeadlines } from './approvals/approval-deadlines.ts'
import { openCluster } from './cluster/open-cluster.ts'
import { loadConfig, type ServerConfig } from './config.ts'
import { createApp } from './create-app.ts'
import { createLogger } from './create-logger.ts'
import { createExpressionPool } from './expressions/create-expression-pool.ts'
import { createPooledExpressions } from './expressions/create-pooled-expressions.ts'
import { createKnowledgeService } from './knowledge/knowledge-service.ts'
import { createMetrics } from './metrics/create-metrics.ts'
import { createModelService } from './models/create-model-service.ts'
import { openStore, sqliteFileOf } from './open-store.ts'
import { createGuardedFetch } from './outbound/create-guarded-fetch.ts'
import { EDITOR_DIST } from './paths.ts'
import { createWorkerApp } from './queue/create-worker-app.ts'
import { createRunServiceFor } from './runs/create-run-service-for.ts'
import { startPauseExpiry } from './runs/pause-expiry.ts'
import { refreshSchedulesOn } from './schedules/refresh-on-publish.ts'
import { createScheduler } from './schedules/scheduler.ts'
import { loadMasterKey } from './security/master-key.ts'
import { createRedactor } from './security/redact.ts'
import { createSecretBox } from './security/secret-box.ts'
import { seedExamplesOnSetup } from './seed-examples.ts'
import { startRunCleanup } from './settings/run-cleanup.ts'
import { ensureRunHistoryBudget } from './storage/run-history-budget.ts'
import { createStorageMonitor } from './storage/storage-monitor.ts'
import { watchStoreErrors } from './storage/watch-store-errors.ts'
import { createCallbackOutbox } from './webhooks/callback-outbox.ts'

export interface ServerRuntime {
  config: ServerConfig
  logger: Logger
  deps: AppDeps
  /** Resumes interrupted runs, arms schedules, then listens. Resolves with the address it listens on. */
  start(): Promise<{ url: string; port: number }>
  /** Stops taking requests and runs, lets runs finish within the grace period, then closes everything. */
  stop(reason: string): Promise<void>
}

/**
 * The real process: configuration from the environment, SQLite in DATA_DIR or PostgreSQL at DATABASE_URL, the master
 * key, every service wired.
 */
export async function createServerRuntime(env: Record<string, string | undefined>): Promise<ServerRuntime> {
  const config = loadConfig(env)
  const logger = createLogger(config)
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 })
  const opened = await openStore(config, logger)
  const storage = createStorageMonitor({ store: opened, logger, now: Date.now })
  const rawStore = watchStoreErrors(opened, storage.noteError)
  const masterKey = await loadMasterKey({ env: config.secret, dataDir: config.dataDir })
  if (masterKey.source === 'generated') {
    logger.warn(
      { file: join(config.dataDir, 'secret.key') },
      'generated a new master key: back it up with the data',
    )
  }
  const registry = createRegistry(builtinNodes)
  const redactor = createRedactor()
  // Known from the start, so the default provider's key can never reach a log line, event or stored result.
  redactor.add(config.defaultModelProvider.apiKey)
  const models = createModelService({ config, demo: { chunkDelayMs: config.demoPaceMs } })
  models.prices.load(await rawStore.listModelPrices())
  const cluster = config.redis && (await openCluster({ ...config.redis, logger }))
  // A price set on another process: read the whole table back, as at start.
  cluster?.signals.on('prices.changed', () => {
    void rawStore
      .listModelPrices()
      .then((records) => models.prices.load(records))
      .catch((err: unknown) => logger.warn({ err }, 'could not reload model prices'))
  })
  if (models.defaultProvider.preset.id === 'demo') {
    logger.info('AI nodes without a provider use the offline demo model: set OPENAI_API_KEY for a real one')
  }
  const common = {
    config,
    store: rawStore,
    files: rawStore.files,
    logger,
    registry,
    secretBox: createSecretBox([masterKey], masterKey.id),
    redactor,
    now: Date.now,
    models,
    storage,
    metrics: createMetrics({ databaseFile: sqliteFileOf(config), processMetrics: true, storage }),
    ...(cluster ? { cluster } : {}),
  }
  const base = { ...common, knowledge: createKnowledgeService(common) }
  const fetch = createGuardedFetch({ allowHosts: config.allowHosts })
  // Expressions and templates past a few milliseconds run in worker threads, so that none can stall the event loop.
  const expressionPool = createExpressionPool()
  // Queue mode: runs go through BullMQ; an `api` process only enqueues, a `worker` only executes. BullMQ is loaded
  // only in queue mode: the embedded default never pays its startup time or memory.
  const queue =
    config.queue &&
    (await import('./queue/create-bullmq-queue.ts')).createBullmqQueue({
      ...config.queue,
      concurrency: config.runConcurrency,
      execute: config.role !== 'api',
      onError: (err, runId) =>
        runId
          ? logger.error({ err, runId }, 'run queue gave a job up')
          : logger.warn({ err }, 'run queue error'),
    })
  const expressions = createPooledExpressions(expressionPool)
  const runs = createRunServiceFor(base, queue ? { fetch, expressions, queue } : { fetch, expressions })
  const scheduler = createScheduler({ store: rawStore, registry, runs, logger })
  const store = seedExamplesOnSetup(refreshSchedulesOn(rawStore, scheduler, cluster?.signals), {
    registry,
    logger,
  })
  const callbacks = createCallbackOutbox({ ...base, runs })
  // Readiness checks Redis through the shared connection (`cluster`), which every role with REDIS_URL opens.
  const deps: AppDeps = { ...base, store, runs, callbacks }
  // A worker takes requests from no one: schedules, approval deadlines, clean-up and callbacks run on the others.
  const serving = config.role !== 'worker'
  const app = serving ? createApp(deps) : createWorkerApp(deps)
  if (serving && existsSync(join(EDITOR_DIST, 'index.html'))) {
    // The built editor: static files, and its index.html for the client-side routes.
    app.use('/*', serveStatic({ root: EDITOR_DIST }))
    app.get('/*', serveStatic({ root: EDITOR_DIST, path: 'index.html' }))
  }
  let server: Server | undefined
  let stopDeadlines = () => {}
  let stopPauseExpiry = () => {}
  let stopCleanup = () => {}

  return {
    config,
    logger,
    deps,
    async start() {
      await runs.recover()
      // Every role processes uploaded documents: whichever process leases one first does it.
      deps.knowledge.start()
      if (serving) {
        stopDeadlines = startApprovalDeadlines(deps)
        stopPauseExpiry = startPauseExpiry(deps, config.pauseIdleMs)
        // The disk under DATA_DIR is the SQLite file's; PostgreSQL's is not this machine's to measure.
        const dataDir = sqliteFileOf(config) === undefined ? undefined : config.dataDir
        await ensureRunHistoryBudget(rawStore, dataDir, Date.now())
        stopCleanup = startRunCleanup(deps)
        callbacks.start()
        await scheduler.start()
      }
      const address = await new Promise<AddressInfo>((resolve) => {
        // Plain HTTP/1.1 (no http2 or TLS options), so this is a node:http Server.
        server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, resolve) as Server
      })
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
      const url = `http://${host}:${address.port}`
      logger.info({ url, port: address.port, dataDir: config.dataDir, role: config.role }, 'listening')
      return { url, port: address.port }
    },
    async stop(reason) {
      logger.info({ reason, graceMs: config.shutdownGraceMs }, 'shutting down')
      const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      server?.closeIdleConnections()
      scheduler.stop()
      stopDeadlines()
      stopPauseExpiry()
      stopCleanup()
      storage.close()
      await runs.close(config.shutdownGraceMs)
      await callbacks.close()
      await deps.knowledge.close()
      // Runs are settled, so sync and stream callers have their answers; whatever is still open is idle or stuck.
      server?.closeAllConnections()
      await closed
      await fetch.close()
      await models.close()
      await expressionPool.close()
      await cluster?.close()
      await rawStore.close()
      logger.info('stopped')
    },
  }
}
