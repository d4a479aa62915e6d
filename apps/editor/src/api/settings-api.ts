import type { RunHistory } from '@zhiliu/nodes'
import { request } from './request.ts'

/** How long ended runs are kept; 0 keeps every run. */
export interface RunRetention {
  days: number
}

/** The run history's size, its budget and growth (GET /api/settings/run-storage). */
export interface RunStorage {
  maxBytes: number
  bytes: number
  runs: number
  runsPerDay: number
  projectedDays: number
  projectedBytes: number
  full: boolean
}

export const getRunStorage = () => request<RunStorage>('GET', '/api/settings/run-storage')
export const setRunHistoryBudget = (budget: { maxBytes: number }) =>
  request<RunStorage>('PUT', '/api/settings/run-storage', budget)

export const getRunRetention = () => request<RunRetention>('GET', '/api/settings/run-retention')
export const setRunRetention = (retention: RunRetention) =>
  request<RunRetention>('PUT', '/api/settings/run-retention', retention)

/** Which webhook and schedule runs are kept, for flows that do not choose (see RunHistory in @zhiliu/nodes). */
export interface RunHistorySetting {
  history: RunHistory
}

export const getRunHistory = () => request<RunHistorySetting>('GET', '/api/settings/run-history')
export const setRunHistory = (setting: RunHistorySetting) =>
  request<RunHistorySetting>('PUT', '/api/settings/run-history', setting)
