import type { RunHistory } from '@zhiliu/nodes'
import { request } from './request.ts'

/** How long ended runs are kept; 0 keeps every run. */
export interface RunRetention {
  days: number
}

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
