import { StoreError } from './store-error.ts'

/** The refusal of a write whose fence is no longer the run's (see RunLeaseStore). */
export function staleFence(runId: string, fence: number, current: number | undefined): StoreError {
  return new StoreError('STALE_FENCE', `run "${runId}" was claimed by another worker`, {
    runId,
    fence,
    current: current ?? null,
  })
}
