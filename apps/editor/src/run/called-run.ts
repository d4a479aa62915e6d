import type { NodeResult } from '@zhiliu/engine'

const stringAt = (value: unknown, key: string): string | undefined => {
  const found = (value as Record<string, unknown> | null | undefined)?.[key]
  return typeof found === 'string' && found !== '' ? found : undefined
}

/**
 * The run a step started, wherever its result names it. A `flow.call`: `runId` beside the answer, `calledRunId`
 * while the child waits for a person, `details.runId` when the child failed or the step was stopped (its timeout, a
 * cancel). An `ai.agent` stopped as a whole loses its steps (each tool call links its own run) and names the last
 * flow it started in `details.runId`. Undefined for any other node, or a call refused before it started a run.
 */
export function calledRunIdOf(
  type: string | undefined,
  result: Pick<NodeResult, 'output' | 'error'> | undefined,
): string | undefined {
  if (!result) return undefined
  if (type === 'ai.agent') return stringAt(result.error?.details, 'runId')
  if (type !== 'flow.call') return undefined
  return (
    stringAt(result.output, 'runId') ??
    stringAt(result.output, 'calledRunId') ??
    stringAt(result.error?.details, 'runId')
  )
}
