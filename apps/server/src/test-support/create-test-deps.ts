import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '@zhiliu/db'
import { builtinNodes, createRegistry } from '@zhiliu/nodes'
import { pino } from 'pino'
import type { AppDeps } from '../app-deps.ts'
import { loadConfig, type ServerConfig } from '../config.ts'
import { createKnowledgeService } from '../knowledge/knowledge-service.ts'
import { createDiskFileStore, mediaRoot } from '../media/disk-file-store.ts'
import { createMetrics } from '../metrics/create-metrics.ts'
import { createModelService } from '../models/create-model-service.ts'
import { createRunServiceFor } from '../runs/create-run-service-for.ts'
import { createRedactor } from '../security/redact.ts'
import { createSecretBox } from '../security/secret-box.ts'
import { createStorageMonitor } from '../storage/storage-monitor.ts'
import { watchStoreErrors } from '../storage/watch-store-errors.ts'
import { createCallbackOutbox } from '../webhooks/callback-outbox.ts'

/** A fixed key, so a failing test can be replayed byte for byte; never used outside tests. */
export const TEST_SECRET_KEY = { id: 'testkey1', key: Buffer.alloc(32, 7) }

export interface TestDeps {
  deps: AppDeps
  /** Every log line the server wrote, as parsed JSON: tests assert that secrets never reach them. */
  logs: Record<string, unknown>[]
  /** The temp DATA_DIR holding `zhiliu.db`. */
  dataDir: string
  close(): Promise<void>
}

/** Whole fields of AppDeps to replace; `config` is merged field by field (e.g. `{ config: { bodyLimitBytes: 2048 } }`). */
export type TestOverrides = Partial<Omit<AppDeps, 'config'>> & { config?: Partial<ServerConfig> }

/**
 * Real parts over a fresh temp directory: a SQLite file, a secret box with a fixed key, the built-in node registry
 * and a pino logger that writes into `logs` instead of the terminal.
 */
export async function createTestDeps(overrides: TestOverrides = {}): Promise<TestDeps> {
  const { config: configOverrides, ...fieldOverrides } = overrides
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiliu-test-'))
  const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'debug' }), ...configOverrides }
  const databaseFile = join(dataDir, 'zhiliu.db')
  const opened = createSqliteStore({ file: databaseFile, maxPageCount: configOverrides?.sqliteMaxPages })
  const logs: Record<string, unknown>[] = []
  const logger = pino(
    { level: config.logLevel },
    { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  )
  const storage = createStorageMonitor({ store: opened, logger, now: Date.now }, 50)
  const store = watchStoreErrors(opened, storage.noteError)
  const common = {
    config,
    store,
    files: createDiskFileStore(mediaRoot(dataDir)),
    storage,
    logger,
    registry: createRegistry(builtinNodes),
    secretBox: createSecretBox([TEST_SECRET_KEY], TEST_SECRET_KEY.id),
    redactor: createRedactor(),
    now: Date.now,
    // The demo model without its reading pace; `config.defaultModelProvider` points the default at a fake server.
    models: createModelService({ config, demo: { chunkDelayMs: 0 } }),
    metrics: createMetrics({ databaseFile, storage }),
    ...fieldOverrides,
  }
  // Polled fast, and started: tests upload documents and wait for them to be ready.
  const knowledge = fieldOverrides.knowledge ?? createKnowledgeService(common, 50)
  knowledge.start()
  const base = { ...common, knowledge }
  const runs = fieldOverrides.runs ?? createRunServiceFor(base)
  // Polled fast: a test waiting for a callback after an approval should not wait the production second.
  const callbacks = fieldOverrides.callbacks ?? createCallbackOutbox({ ...base, runs }, 50)
  const deps: AppDeps = { ...base, runs, callbacks }
  return {
    deps,
    logs,
    dataDir,
    async close() {
      await deps.runs.close(0)
      await deps.knowledge.close()
      await deps.callbacks.close()
      await deps.models.close()
      storage.close()
      store.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
