import type { z } from 'zod'
import type { ChatResponse } from '../context.ts'
import { NodeError } from '../errors.ts'

/**
 * The gateway already checked the answer against the JSON schema; this checks it against the node's own output
 * type as well, so a gateway that skipped the check (a test double, a replay of an older recording) cannot pass
 * a wrongly shaped object downstream.
 */
export function checkModelData<T extends z.ZodType>(res: ChatResponse, schema: T): z.output<T> {
  const parsed = schema.safeParse(res.data)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`)
    .join('; ')
  throw new NodeError(
    'AI_OUTPUT_INVALID',
    `${res.provider} (${res.model}) answered in the wrong format: ${problems}`,
    {
      details: { answer: res.text.slice(0, 2000) },
    },
  )
}
