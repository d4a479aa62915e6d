import type { NodeResult, RunEvent, RunOutcome } from '@zhiliu/engine'
import type { Redactor } from '../security/redact.ts'
import { finalOutcome } from './final-outcome.ts'

/**
 * What of a run leaves this process (the store, the event bus, SSE, the webhook caller) goes through one redaction
 * rule (docs/design.md); the flow itself runs with its input in clear.
 */
export function createRunRedaction(redactor: Redactor) {
  // The engine records a result and then announces the same object: redact it once for both.
  const redacted = new WeakMap<NodeResult, NodeResult>()
  const redactResult = (result: NodeResult): NodeResult => {
    let copy = redacted.get(result)
    if (!copy) {
      copy = redactor.redact(result) as NodeResult
      redacted.set(result, copy)
    }
    return copy
  }

  const publicEvent = (event: RunEvent, shutdown: AbortSignal): RunEvent => {
    switch (event.type) {
      case 'node.finished': {
        const result = redactResult(event.result)
        return result === event.result ? event : { ...event, result }
      }
      case 'run.finished':
        return { ...event, outcome: redactor.redact(finalOutcome(event.outcome, shutdown)) as RunOutcome }
      case 'node.started':
      case 'run.started':
        return event
      default:
        return redactor.redact(event) as RunEvent
    }
  }

  return { redactResult, publicEvent }
}
