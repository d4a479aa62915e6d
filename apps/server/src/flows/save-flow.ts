import { type Access, type FlowRecord, StoreError } from '@zhiliu/db'
import type { Flow } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { ApiError } from '../http/api-error.ts'
import { webhookPathOf } from './webhook-path-of.ts'

type Deps = Pick<AppDeps, 'store' | 'registry'>

/** Creates a flow from a document, claiming its webhook path; 409 `WEBHOOK_PATH_TAKEN` if another flow has it. */
export function createFlow(deps: Deps, access: Access, document: Flow): Promise<FlowRecord> {
  const webhookPath = webhookPathOf(document, deps.registry)
  return pathConflicts(webhookPath, () => deps.store.createFlow(access, { document, webhookPath }))
}

/**
 * Replaces a draft and moves its webhook path with it; undefined when the flow is not the caller's. With
 * `ifUpdatedAt` (the revision the editor loaded), a draft saved elsewhere since is not overwritten: 412.
 */
export function replaceDraft(
  deps: Deps,
  access: Access,
  id: string,
  document: Flow,
  ifUpdatedAt?: number,
): Promise<FlowRecord | undefined> {
  const webhookPath = webhookPathOf(document, deps.registry)
  const options = ifUpdatedAt === undefined ? {} : { ifUpdatedAt }
  return pathConflicts(webhookPath, () =>
    deps.store.updateFlowDraft(access, id, { document, webhookPath }, options),
  )
}

async function pathConflicts<T>(path: string | null, save: () => Promise<T>): Promise<T> {
  try {
    return await save()
  } catch (err) {
    if (err instanceof StoreError && err.code === 'CONFLICT') {
      throw new ApiError(409, 'WEBHOOK_PATH_TAKEN', `Another flow already uses the webhook path "${path}"`, {
        webhookPath: path,
      })
    }
    throw err
  }
}
