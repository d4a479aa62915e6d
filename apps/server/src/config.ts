import { resolve } from 'node:path'
import { z } from 'zod'

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )

/** An optional text variable; set but empty counts as unset. */
const text = z
  .string()
  .optional()
  .transform((value) => value?.trim() ?? '')

/** Everything the server reads from its environment, parsed once at start; a bad value stops start-up with its name. */
export const ServerEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  /** `postgres://…` stores everything in PostgreSQL instead of DATA_DIR/zhiliu.db, so several processes can share it. */
  DATABASE_URL: text.pipe(
    z.union([
      z.literal(''),
      z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }),
    ]),
  ),
  /**
   * `redis://…`: several server processes act as one. Runs go through BullMQ (queue mode) and may execute in another
   * process; run events, cancels, rate limits and cache invalidations are shared (see README).
   */
  REDIS_URL: text.pipe(
    z.union([z.literal(''), z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })]),
  ),
  /** `all` takes requests and executes runs; `api` only enqueues; `worker` only executes (queue mode). */
  ZHILIU_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  /** Every Redis key and channel starts with this, so several installations (or test suites) share one Redis. */
  ZHILIU_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .default('zhiliu'),
  /**
   * Queue mode: how long a worker holds a run without renewing (its lease, and BullMQ's job lock), and how often
   * workers look for jobs whose worker stopped renewing. A dead worker's runs move on after about the sum.
   */
  ZHILIU_RUN_LEASE_MS: z.coerce.number().int().min(200).default(30_000),
  ZHILIU_STALLED_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** Queue mode: how often one run may lose its worker before BullMQ gives its job up (the run stays `running`). */
  ZHILIU_MAX_STALLED: z.coerce.number().int().min(1).default(10),
  /** Master key for credentials; generated into DATA_DIR/secret.key when absent. */
  ZHILIU_SECRET: z.string().min(16).optional(),
  /** host[:port] entries that outbound requests may reach even though they are private addresses. */
  ZHILIU_ALLOW_HOSTS: csv,
  /** host[:port] entries that async webhook callers may name as `callback_url`. */
  ZHILIU_CALLBACK_HOSTS: csv,
  ZHILIU_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** What one node's output and one run's outputs together may hold, in characters of JSON (see README). */
  ZHILIU_NODE_OUTPUT_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  ZHILIU_RUN_OUTPUT_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  ZHILIU_RUN_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(200),
  /** How long SIGTERM waits for runs in flight before marking them interrupted. */
  ZHILIU_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Step through: how long a paused run waits for someone to continue it before it is cancelled (2 h). */
  ZHILIU_PAUSE_IDLE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(2 * 3600_000),
  /** Base URL used in links the server hands out (status URLs, curl examples). */
  ZHILIU_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The default model provider, for AI nodes that name none, from the openai SDK's own variables. No key (and no
  // keyless local URL such as Ollama's): the offline demo model, so every example runs without network.
  OPENAI_BASE_URL: text.pipe(z.union([z.literal(''), z.url({ protocol: /^https?$/ })])),
  OPENAI_API_KEY: text,
  ZHILIU_DEFAULT_MODEL: text,
  /** When set, `GET /metrics` answers only `Authorization: Bearer <this token>`; unset, it is open like /healthz. */
  ZHILIU_METRICS_TOKEN: text,
  /** The offline demo model's pause between streamed pieces: 0 answers at once, more reads slower on a projector. */
  ZHILIU_DEMO_PACE_MS: z.coerce.number().int().min(0).max(2_000).default(20),
  /**
   * Test hook, not a setting: caps the SQLite file at this many pages (SQLite's `max_page_count`), so a test can
   * drive the server into a full database without filling a disk. Unset in production.
   */
  ZHILIU_TEST_SQLITE_MAX_PAGES: z.coerce.number().int().min(1).optional(),
})
export type ServerEnv = z.infer<typeof ServerEnv>

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  /** `DATABASE_URL`: the PostgreSQL store when set, else the SQLite file in `dataDir`. */
  databaseUrl: string | undefined
  /** `REDIS_URL` and `ZHILIU_REDIS_PREFIX`: unset, everything stays in this process (see cluster/open-cluster.ts). */
  redis: { url: string; prefix: string } | undefined
  secret: string | undefined
  /** Set in queue mode (`REDIS_URL`): runs go through BullMQ. */
  queue: QueueConfig | undefined
  role: ServerEnv['ZHILIU_ROLE']
  allowHosts: string[]
  callbackHosts: string[]
  bodyLimitBytes: number
  /** Past these a node fails with OUTPUT_TOO_LARGE or RUN_TOO_LARGE. */
  outputLimits: { maxNodeOutput: number; maxRunOutput: number }
  runConcurrency: number
  shutdownGraceMs: number
  /** How long a paused run (step through) waits to be continued before it is cancelled. */
  pauseIdleMs: number
  publicUrl: string | undefined
  logLevel: ServerEnv['LOG_LEVEL']
  /** `OPENAI_BASE_URL`, `OPENAI_API_KEY`, `ZHILIU_DEFAULT_MODEL`; empty strings where unset. */
  defaultModelProvider: { baseURL: string; apiKey: string; model: string }
  demoPaceMs: number
  /** Empty: /metrics needs no token. */
  metricsToken: string
  /** `ZHILIU_TEST_SQLITE_MAX_PAGES`, a test hook: the SQLite file's page limit. */
  sqliteMaxPages: number | undefined
}

export interface QueueConfig {
  redisUrl: string
  prefix: string
  leaseMs: number
  stalledIntervalMs: number
  maxStalledCount: number
}

export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = ServerEnv.safeParse(env)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`invalid server environment: ${fields}`)
  }
  const e = parsed.data
  checkQueueMode(e)
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.ZHILIU_REDIS_PREFIX } : undefined,
    secret: e.ZHILIU_SECRET,
    queue: e.REDIS_URL
      ? {
          redisUrl: e.REDIS_URL,
          prefix: e.ZHILIU_REDIS_PREFIX,
          leaseMs: e.ZHILIU_RUN_LEASE_MS,
          stalledIntervalMs: e.ZHILIU_STALLED_INTERVAL_MS,
          maxStalledCount: e.ZHILIU_MAX_STALLED,
        }
      : undefined,
    role: e.ZHILIU_ROLE,
    allowHosts: e.ZHILIU_ALLOW_HOSTS,
    callbackHosts: e.ZHILIU_CALLBACK_HOSTS,
    bodyLimitBytes: e.ZHILIU_BODY_LIMIT,
    outputLimits: { maxNodeOutput: e.ZHILIU_NODE_OUTPUT_LIMIT, maxRunOutput: e.ZHILIU_RUN_OUTPUT_LIMIT },
    runConcurrency: e.ZHILIU_RUN_CONCURRENCY,
    shutdownGraceMs: e.ZHILIU_SHUTDOWN_GRACE_MS,
    pauseIdleMs: e.ZHILIU_PAUSE_IDLE_MS,
    publicUrl: e.ZHILIU_PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    defaultModelProvider: {
      baseURL: e.OPENAI_BASE_URL,
      apiKey: e.OPENAI_API_KEY,
      model: e.ZHILIU_DEFAULT_MODEL,
    },
    demoPaceMs: e.ZHILIU_DEMO_PACE_MS,
    metricsToken: e.ZHILIU_METRICS_TOKEN,
    sqliteMaxPages: e.ZHILIU_TEST_SQLITE_MAX_PAGES,
  }
}

/**
 * Queue mode spreads one installation over processes: they must share the database (SQLite is one machine's file)
 * and the master key (each would otherwise generate its own and not read the others' credentials).
 */
function checkQueueMode(e: ServerEnv): void {
  if (e.ZHILIU_ROLE !== 'all' && !e.REDIS_URL) {
    throw new Error(`invalid server environment: ZHILIU_ROLE=${e.ZHILIU_ROLE} needs REDIS_URL (queue mode)`)
  }
  if (!e.REDIS_URL) return
  if (!e.DATABASE_URL) {
    throw new Error(
      'invalid server environment: DATABASE_URL: queue mode (REDIS_URL) needs a postgres:// database every process shares',
    )
  }
  if (!e.ZHILIU_SECRET) {
    throw new Error(
      'invalid server environment: ZHILIU_SECRET: queue mode (REDIS_URL) needs the same master key in every process',
    )
  }
}
