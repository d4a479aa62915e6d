import type { PauseRules } from '@zhiliu/engine'
import type { Flow } from '@zhiliu/nodes'
import { ApiError } from '../http/api-error.ts'

/** A manual run's `debug` as the engine's pause rules; a breakpoint on a node the flow does not have is refused. */
export function pauseRulesOf(
  document: Flow,
  debug: { pauseBefore?: string[]; step?: boolean } | undefined,
): PauseRules | undefined {
  if (!debug) return undefined
  const before = [...new Set(debug.pauseBefore ?? [])]
  const ids = new Set(document.nodes.map((n) => n.id))
  const missing = before.find((id) => !ids.has(id))
  if (missing !== undefined) {
    throw ApiError.badRequest('NODE_NOT_FOUND', `the flow has no node "${missing}"`, {
      field: 'debug.pauseBefore',
      nodeId: missing,
    })
  }
  if (!debug.step && before.length === 0) return undefined
  return debug.step ? { step: true, before } : { before }
}
