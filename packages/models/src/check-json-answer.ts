import { z } from 'zod'

export type JsonCheck = { ok: true; value: unknown } | { ok: false; problem: string }

const compiled = new WeakMap<object, z.ZodType>()

/**
 * Parses a model's JSON answer and checks it against the requested JSON schema. Models wrap JSON in ```json fences
 * now and then, even in JSON mode; the fence is not part of the answer.
 */
export function checkJsonAnswer(text: string, schema: unknown): JsonCheck {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*\n?/i, '')
    .replace(/\n?```$/, '')
    .trim()
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (err) {
    return { ok: false, problem: `the answer is not valid JSON (${(err as Error).message})` }
  }
  if (schema === undefined) {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
    return isObject ? { ok: true, value } : { ok: false, problem: 'the answer is JSON but not an object' }
  }
  const result = zodFor(schema).safeParse(value)
  if (result.success) return { ok: true, value: result.data }
  const problems = result.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
  return { ok: false, problem: `the JSON does not match the schema: ${problems.join('; ')}` }
}

function zodFor(schema: unknown): z.ZodType {
  if (typeof schema !== 'object' || schema === null) return z.fromJSONSchema(schema !== false)
  let found = compiled.get(schema)
  if (!found) {
    found = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])
    compiled.set(schema, found)
  }
  return found
}
