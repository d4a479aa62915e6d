import { request } from './request.ts'

/** How long ended runs are kept; 0 keeps every run. */
export interface RunRetention {
  days: number
}

export const getRunRetention = () => request<RunRetention>('GET', '/api/settings/run-retention')
export const setRunRetention = (retention: RunRetention) =>
  request<RunRetention>('PUT', '/api/settings/run-retention', retention)
