import { createRoute } from '@hono/zod-openapi'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'
import { RUN_HISTORY_BUDGET, RunHistoryBudget } from '../storage/run-history-budget.ts'
import { describeRunStorage, RunStorage } from '../storage/run-storage-view.ts'
import { RUN_HISTORY, RunHistorySetting } from './run-history.ts'
import { RUN_RETENTION, RunRetention, readRunRetention } from './run-retention.ts'

const tags = ['settings']

const getRetention = createRoute({
  method: 'get',
  path: '/settings/run-retention',
  tags,
  summary: 'How long ended runs are kept (30 days unless the owner changed it)',
  responses: { 200: json(RunRetention, 'The setting in force'), ...errors(401) },
})

const setRetention = createRoute({
  method: 'put',
  path: '/settings/run-retention',
  tags,
  summary:
    'Keep ended runs this many days (owner only; 0 keeps them all). Checked at start and every few seconds: older succeeded, failed and cancelled runs are deleted with their node results; waiting ones stay',
  middleware: [requireRole('owner')] as const,
  request: { body: jsonBody(RunRetention) },
  responses: { 200: json(RunRetention, 'The setting now in force'), ...errors(400, 401, 403) },
})

const getStorage = createRoute({
  method: 'get',
  path: '/settings/run-storage',
  tags,
  summary:
    "The run history's size, its budget, runs per day, the size projected at that rate, and whether the database is full",
  responses: { 200: json(RunStorage, 'Measured now'), ...errors(401) },
})

const setBudget = createRoute({
  method: 'put',
  path: '/settings/run-storage',
  tags,
  summary:
    'Set the run history size budget (owner only; 0 sets no limit). Checked every few seconds: past it the oldest succeeded, failed and cancelled runs are deleted until the history is under 90 % of it; waiting ones stay',
  middleware: [requireRole('owner')] as const,
  request: { body: jsonBody(RunHistoryBudget) },
  responses: { 200: json(RunStorage, 'Measured with the new budget'), ...errors(400, 401, 403) },
})

const getHistory = createRoute({
  method: 'get',
  path: '/settings/run-history',
  tags,
  summary:
    'Which webhook and schedule runs are stored, for flows that do not choose (every run unless the owner changed it)',
  responses: { 200: json(RunHistorySetting, 'The setting in force'), ...errors(401) },
})

const setHistory = createRoute({
  method: 'put',
  path: '/settings/run-history',
  tags,
  summary:
    "Keep every run, failed ones only, or none (owner only). A flow's own setting wins; test runs, re-runs and runs that waited for an approval are always kept. Runs not kept still count in /metrics and hold their Idempotency-Key",
  middleware: [requireRole('owner')] as const,
  request: { body: jsonBody(RunHistorySetting) },
  responses: { 200: json(RunHistorySetting, 'The setting now in force'), ...errors(400, 401, 403) },
})

export function createSettingsRoutes(deps: AppDeps) {
  const storageView = () => describeRunStorage(deps.store, deps.now(), deps.storage.full)
  return createRouter()
    .openapi(getRetention, async (c) => c.json(await readRunRetention(deps.store), 200))
    .openapi(setRetention, async (c) => {
      const value = c.req.valid('json')
      await deps.store.setSetting({
        name: RUN_RETENTION,
        value,
        updatedAt: deps.now(),
        updatedBy: c.get('user').id,
      })
      return c.json(value, 200)
    })
    .openapi(getStorage, async (c) => c.json(await storageView(), 200))
    .openapi(setBudget, async (c) => {
      await deps.store.setSetting({
        name: RUN_HISTORY_BUDGET,
        value: c.req.valid('json'),
        updatedAt: deps.now(),
        updatedBy: c.get('user').id,
      })
      return c.json(await storageView(), 200)
    })
    .openapi(getHistory, async (c) => c.json({ history: await deps.runs.historyDefault.get() }, 200))
    .openapi(setHistory, async (c) => {
      const value = c.req.valid('json')
      await deps.store.setSetting({
        name: RUN_HISTORY,
        value,
        updatedAt: deps.now(),
        updatedBy: c.get('user').id,
      })
      deps.runs.historyDefault.set(value.history)
      return c.json(value, 200)
    })
}
