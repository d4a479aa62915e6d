import type { Localized } from '@zhiliu/nodes'
import { type ProblemCode, type ProblemParams, problemTexts, warningCodes } from './problem-texts.ts'

export type PathSegment = string | number

/**
 * One thing wrong with a flow. `path` is relative to the flow document (`['nodes', 3, 'config', 'url']`) so the
 * editor can put the message on the field; `nodeId`/`edgeId` name the element for lists and the CLI.
 * `message` is English; `localized` carries the same text in every UI language, written beside each other in
 * `problem-texts.ts`, so the editor needs no second table that could drift from the codes.
 */
export interface FlowProblem {
  code: ProblemCode
  /** Errors stop a run; warnings point at likely mistakes and never make a flow invalid. */
  severity: 'error' | 'warning'
  message: string
  localized: Localized
  path: PathSegment[]
  nodeId?: string
  edgeId?: string
  /** Facts behind the message for tools, e.g. JSONata's own code, text and position for EXPRESSION_SYNTAX. */
  details?: Record<string, unknown>
}

export interface ProblemPlace {
  path: readonly PathSegment[]
  nodeId?: string | undefined
  edgeId?: string | undefined
}

export function problem<C extends ProblemCode>(
  code: C,
  params: ProblemParams<C>,
  place: ProblemPlace,
): FlowProblem {
  const text = (problemTexts[code] as (p: ProblemParams<C>) => Localized)(params)
  const result: FlowProblem = {
    code,
    severity: warningCodes.has(code) ? 'warning' : 'error',
    message: text.en,
    localized: text,
    path: [...place.path],
  }
  if (place.nodeId !== undefined) result.nodeId = place.nodeId
  if (place.edgeId !== undefined) result.edgeId = place.edgeId
  return result
}

export function isError(p: FlowProblem): boolean {
  return p.severity === 'error'
}
