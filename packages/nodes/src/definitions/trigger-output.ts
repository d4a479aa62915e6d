import { z } from 'zod'
import type { NodeContext } from '../context.ts'
import type { TriggerEvent } from '../define-node.ts'

/** Every trigger outputs the same shape, so templates say `{{ trigger.body.title }}` whatever started the run. */
export const TriggerOutput = z.object({
  body: z.unknown(),
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()),
  method: z.string(),
  /** ISO time the run was started (or, for a schedule, the slot it was started for). */
  firedAt: z.string(),
})
export type TriggerOutput = z.infer<typeof TriggerOutput>

/** The trigger output with a precise body, for the validator and the editor's variable picker. */
export function triggerOutputFor(body: z.ZodType): z.ZodType {
  return TriggerOutput.extend({ body })
}

/** Fills what the event left out, so downstream templates never meet a missing `headers` or `firedAt`. */
export function toTriggerOutput(
  body: unknown,
  event: TriggerEvent | undefined,
  ctx: NodeContext,
): TriggerOutput {
  return {
    body,
    headers: event?.headers ?? {},
    query: event?.query ?? {},
    method: event?.method ?? '',
    firedAt: event?.firedAt ?? new Date(ctx.clock.now()).toISOString(),
  }
}
