import type { NodeResult } from '@zhiliu/engine'

const stringAt = (value: unknown, key: string): string | undefined => {
  const found = (value as Record<string, unknown> | null | undefined)?.[key]
  return typeof found === 'string' && found !== '' ? found : undefined
}

/**
 * The run a `flow.call` step started, wherever its result names it: `runId` beside the answer, `calledRunId` while
 * the child waits for a person, `details.runId` when the child failed. Undefined for any other node, or a call
 * refused before it started a run (no such flow, too deep).
 */
export function calledRunIdOf(
  type: string | undefined,
  result: Pick<NodeResult, 'output' | 'error'> | undefined,
): string | undefined {
  if (type !== 'flow.call' || !result) return undefined
  return (
    stringAt(result.output, 'runId') ??
    stringAt(result.output, 'calledRunId') ??
    stringAt(result.error?.details, 'runId')
  )
}
