import type { NodeResult, NodeStatus } from '@zhiliu/engine'
import type { ErrorInfo } from '@zhiliu/nodes'

/**
 * A run's node results as one compact record on its run row (`runs.results`), keyed by result key: a row per node
 * with its own key index cost about 900 B per `hook` run (issue 19). Short names, and what most results share is
 * left out:
 * - `n` nodeId, left out when it equals the key (every node outside a for-each body);
 * - `s` status, left out when `succeeded`;
 * - `p` ports and `a` attempts, left out when they are the status's usual ones (`['out']` and 1; `[]` and 0 when
 *   skipped);
 * - `i` input, `o` output, `e` error: absent when the result has none; a JSON `null` output is kept as `"o":null`;
 * - `t` startedAt as milliseconds after the run's start, `d` how long it ran (left out when 0).
 * Writers merge by key (a write replaces the keys it carries and keeps every other), as node rows were upserted.
 */
export interface StoredResult {
  n?: string
  s?: Exclude<NodeStatus, 'succeeded'>
  p?: string[]
  i?: unknown
  o?: unknown
  e?: ErrorInfo
  a?: number
  t: number
  d?: number
}
export type ResultsRecord = Record<string, StoredResult>

const usualPorts = (status: NodeStatus) => (status === 'skipped' ? [] : ['out'])
const usualAttempts = (status: NodeStatus) => (status === 'skipped' ? 0 : 1)

/** One result as stored, its times counted from `base` (the run's start; 0 keeps them absolute). */
export function toStoredResult(result: NodeResult, base: number): StoredResult {
  const stored: StoredResult = { t: result.startedAt - base }
  if (result.nodeId !== result.key) stored.n = result.nodeId
  if (result.status !== 'succeeded') stored.s = result.status
  if (!samePorts(result.ports, usualPorts(result.status))) stored.p = result.ports
  if (result.input !== undefined) stored.i = result.input
  if (result.output !== undefined) stored.o = result.output
  if (result.error !== undefined) stored.e = result.error
  if (result.attempts !== usualAttempts(result.status)) stored.a = result.attempts
  if (result.finishedAt !== result.startedAt) stored.d = result.finishedAt - result.startedAt
  return stored
}

/** `results` as a record to merge into a stored one (see `mergeResults`), times counted from `base`. */
export function toResultsRecord(results: readonly NodeResult[], base: number): ResultsRecord {
  const record: ResultsRecord = {}
  for (const result of results) record[result.key] = toStoredResult(result, base)
  return record
}

/** The stored record with `results` merged in by key. */
export function mergeResults(
  stored: ResultsRecord | null,
  results: readonly NodeResult[],
  base: number,
): ResultsRecord {
  return { ...stored, ...toResultsRecord(results, base) }
}

export function fromStoredResult(key: string, stored: StoredResult, base: number): NodeResult {
  const status = stored.s ?? 'succeeded'
  const startedAt = base + stored.t
  const result: NodeResult = {
    key,
    nodeId: stored.n ?? key,
    status,
    ports: stored.p ?? usualPorts(status),
    attempts: stored.a ?? usualAttempts(status),
    startedAt,
    finishedAt: startedAt + (stored.d ?? 0),
  }
  if ('i' in stored) result.input = stored.i
  if ('o' in stored) result.output = stored.o
  if (stored.e !== undefined) result.error = stored.e
  return result
}

/** A run's results in the order the nodes finished (then started, then by key), as node rows were read. */
export function readResults(stored: ResultsRecord | null, base: number): NodeResult[] {
  if (!stored) return []
  return Object.entries(stored)
    .map(([key, entry]) => fromStoredResult(key, entry, base))
    .sort(
      (a, b) =>
        a.finishedAt - b.finishedAt ||
        a.startedAt - b.startedAt ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
}

function samePorts(ports: readonly string[], usual: readonly string[]): boolean {
  return ports.length === usual.length && ports.every((p, i) => p === usual[i])
}
