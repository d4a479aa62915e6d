import { type ErrorInfo, isRouted, isSuspended } from '@zhiliu/nodes'
import { MAX_OUTPUT_DEPTH, measureOutput } from './measure-output.ts'
import type { RunContext } from './run-context.ts'

/**
 * Checks what a node returned before it is recorded: nested deeper than `MAX_OUTPUT_DEPTH` (OUTPUT_TOO_DEEP),
 * larger than the node limit (OUTPUT_TOO_LARGE), or pushing the run's recorded outputs past the run limit
 * (RUN_TOO_LARGE), or holding a BigInt (OUTPUT_NOT_JSON). Returns the node's error, or undefined and counts the
 * output against the run. None is retryable: the same input gives the same output.
 */
export function checkOutput(run: RunContext, nodeId: string, value: unknown): ErrorInfo | undefined {
  const output = isSuspended(value) ? value.payload : isRouted(value) ? value.output : value
  const { maxNodeOutput, maxRunOutput } = run.limits
  const room = maxRunOutput - run.recordedSize.total
  const measure = measureOutput(output, MAX_OUTPUT_DEPTH, Math.min(maxNodeOutput, room))
  if (measure.ok) {
    run.recordedSize.total += measure.size
    return undefined
  }
  const details = { nodeId, maxDepth: MAX_OUTPUT_DEPTH, maxNodeOutput, maxRunOutput }
  switch (measure.reason) {
    case 'depth':
      return failure(
        'OUTPUT_TOO_DEEP',
        `node "${nodeId}" produced output nested deeper than ${MAX_OUTPUT_DEPTH} levels`,
        details,
      )
    case 'bigint':
      return failure('OUTPUT_NOT_JSON', `node "${nodeId}" produced a BigInt, which JSON cannot hold`, details)
    case 'size':
      // Measuring stops at the smaller limit; it was the node's own one unless the run had less room left.
      return maxNodeOutput <= room
        ? failure(
            'OUTPUT_TOO_LARGE',
            `node "${nodeId}" produced more than ${maxNodeOutput} characters of output`,
            details,
          )
        : failure(
            'RUN_TOO_LARGE',
            `node "${nodeId}" would take the run's recorded output past ${maxRunOutput} characters`,
            details,
          )
  }
}

function failure(code: string, message: string, details: Record<string, unknown>): ErrorInfo {
  return { code, message, details, retryable: false }
}

/**
 * A node's error as recorded: details a node attached (a provider's answer, say) that are nested too deep, too large
 * or not JSON are replaced by a note, keeping the code and message, so recording the failure cannot fail in turn.
 */
export function boundErrorDetails(run: RunContext, error: ErrorInfo): ErrorInfo {
  if (error.details === undefined) return error
  const measure = measureOutput(error.details, MAX_OUTPUT_DEPTH, run.limits.maxNodeOutput)
  if (measure.ok) return error
  const why = { depth: 'nested too deep', size: 'too large', bigint: 'not JSON' }[measure.reason]
  return { ...error, details: { omitted: `the error's details were ${why} to record` } }
}
