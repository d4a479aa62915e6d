import { useCallback, useEffect, useRef, useState } from 'react'
import { type FlowOwnerScope, type FlowSummary, listFlows } from '../api/flows-api.ts'
import { listUsers } from '../api/users-api.ts'

/** Flows per page: a class of 300 has hundreds, and a table of all of them is slow to read and to render. */
export const FLOW_PAGE_SIZE = 100

export interface FlowList {
  flows?: FlowSummary[]
  /** How many flows the scope and search hold; more than `flows.length` while pages remain to load. */
  total: number
  /** Each member's shown name (display name, else sign-in name), loaded only for the `all` scope. */
  ownerNames?: ReadonlyMap<string, string>
  /** Appends the next page. */
  loadMore: () => void
  /** Reads the first page again (after a change), dropping any further pages loaded. */
  reload: () => void
}

/**
 * The flows page's list, searched by `q` on the server and read a page at a time. The owner role sees every member's
 * flows under `all`, where a class's copies of one lesson share its name and only the owner tells them apart, so the
 * members are loaded alongside.
 */
export function useFlowList(scope: FlowOwnerScope, q: string, onError: (error: unknown) => void): FlowList {
  const [page, setPage] = useState<{ items: FlowSummary[]; total: number }>()
  const [ownerNames, setOwnerNames] = useState<ReadonlyMap<string, string>>()
  // Answers come back in any order while someone types; only the latest request's answer is shown.
  const latest = useRef(0)

  const load = useCallback(
    (offset: number) => {
      const ticket = ++latest.current
      listFlows(scope, { q, offset, limit: FLOW_PAGE_SIZE }).then((next) => {
        if (ticket !== latest.current) return
        setPage((shown) =>
          offset === 0 || !shown ? next : { items: [...shown.items, ...next.items], total: next.total },
        )
      }, onError)
    },
    [scope, q, onError],
  )
  const reload = useCallback(() => load(0), [load])
  useEffect(reload, [reload])

  useEffect(() => {
    if (scope !== 'all' || ownerNames) return
    listUsers().then((r) => setOwnerNames(new Map(r.items.map((u) => [u.id, u.name ?? u.email]))), onError)
  }, [scope, ownerNames, onError])

  return {
    flows: page?.items,
    total: page?.total ?? 0,
    ownerNames: scope === 'all' ? ownerNames : undefined,
    loadMore: () => load(page?.items.length ?? 0),
    reload,
  }
}
