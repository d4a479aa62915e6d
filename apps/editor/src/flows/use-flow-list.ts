import { useCallback, useEffect, useState } from 'react'
import { type FlowOwnerScope, type FlowSummary, listFlows } from '../api/flows-api.ts'
import { listUsers } from '../api/users-api.ts'

export interface FlowList {
  flows?: FlowSummary[]
  /** How many flows the scope holds; more than `flows.length` when the page was capped. */
  total: number
  /** Each member's shown name (display name, else sign-in name), loaded only for the `all` scope. */
  ownerNames?: ReadonlyMap<string, string>
  reload: () => void
}

/**
 * The flows page's list. The owner role sees every member's flows under `all`, where a class's copies of one lesson
 * share its name and only the owner tells them apart, so the members are loaded alongside.
 */
export function useFlowList(scope: FlowOwnerScope, onError: (error: unknown) => void): FlowList {
  const [page, setPage] = useState<{ items: FlowSummary[]; total: number }>()
  const [ownerNames, setOwnerNames] = useState<ReadonlyMap<string, string>>()

  const reload = useCallback(() => {
    listFlows(scope).then(setPage, onError)
  }, [scope, onError])
  useEffect(reload, [reload])

  useEffect(() => {
    if (scope !== 'all' || ownerNames) return
    listUsers().then((r) => setOwnerNames(new Map(r.items.map((u) => [u.id, u.name ?? u.email]))), onError)
  }, [scope, ownerNames, onError])

  return {
    flows: page?.items,
    total: page?.total ?? 0,
    ownerNames: scope === 'all' ? ownerNames : undefined,
    reload,
  }
}
