import { type FieldHints, hintsOf } from '@zhiliu/nodes'
import type { z } from 'zod'
import { describeIssue } from './describe-issue.ts'
import { type FlowProblem, type PathSegment, problem } from './problem.ts'
import {
  hintsThrough,
  objectShape,
  type TemplatedString,
  templatedStrings,
  unwrap,
} from './templated-strings.ts'
import { type CheckedNode, nodePlace } from './validation-context.ts'

export interface ConfigCheck {
  /** The parsed config, when it fits the schema as written. */
  config?: unknown
  templates: TemplatedString[]
  problems: FlowProblem[]
}

/**
 * Parses a node's config with its definition's schema, forgiving what templates may still fix.
 *
 * A templated string such as `"{{ nodes.count.n }}"` in a number field is only a number after rendering, so the
 * schema rejects it now and would accept it at run time. Rewriting such strings to a stand-in the schema accepts
 * would mean inventing a valid value for every schema kind (numbers with bounds, enums, URLs, nested objects), so
 * instead the config is parsed as written and an issue is dropped when the value it is about is a template string:
 * its real value is unknown until the run, where the rendered config is parsed again. Refinements (`custom` issues)
 * on a container are dropped too when anything inside it is templated, since they may read the rendered text.
 * What templates cannot change — a list where an object belongs, a missing required field, a literal in an
 * untemplated field — is still reported.
 */
export function checkConfig(n: CheckedNode, unchosenCredentials: 'error' | 'warning' = 'error'): ConfigCheck {
  const def = n.def
  if (!def) return { templates: [], problems: [] }
  const schema: z.ZodType = def.config
  const templates = templatedStrings(n.node.config, schema)
  const parsed = schema.safeParse(n.node.config, { reportInput: true })
  const empty = emptyRequired(n, schema)
  if (parsed.success) return { config: parsed.data, templates, problems: empty }
  const templated = new Set(templates.map((s) => key(s.field)))
  const problems = parsed.error.issues
    .filter((issue) => !forgiven(issue, templated, templates))
    .map((issue) => {
      const place = nodePlace(n, 'config', ...issue.path.map(segment))
      const credential = unchosenCredential(issue, schema)
      if (!credential) return problem('INVALID_CONFIG', { detail: describeIssue(issue) }, place)
      const found = problem('CREDENTIAL_NOT_CHOSEN', { label: credential.label }, place)
      return { ...found, severity: unchosenCredentials }
    })
  const placed = new Set(problems.map((p) => key(p.path)))
  return { templates, problems: [...problems, ...empty.filter((p) => !placed.has(key(p.path)))] }
}

/** Top-level fields whose hints say `required` and whose value is missing, blank text or an empty list. */
function emptyRequired(n: CheckedNode, schema: z.ZodType): FlowProblem[] {
  const shape = objectShape(schema)
  if (!shape) return []
  const config = (n.node.config ?? {}) as Record<string, unknown>
  return Object.entries(shape).flatMap(([name, f]) => {
    const hints = hintsThrough(f)
    if (!hints?.required || !isEmpty(config[name])) return []
    return [problem('REQUIRED_EMPTY', { label: hints.label }, nodePlace(n, 'config', name))]
  })
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0)

/** The hints of a top-level credential field this issue says is empty ("" or left out); else undefined. */
function unchosenCredential(issue: z.core.$ZodIssue, schema: z.ZodType): FieldHints | undefined {
  const [name, ...rest] = issue.path
  if (typeof name !== 'string' || rest.length > 0) return undefined
  const empty =
    (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)) ||
    (issue.code === 'too_small' && issue.origin === 'string' && issue.input === '')
  if (!empty) return undefined
  const shape = objectShape(schema)
  for (let f = shape?.[name]; f; f = unwrap(f)) {
    const hints = hintsOf(f as z.ZodType)
    if (hints) return hints.widget === 'credential' ? hints : undefined
  }
  return undefined
}

function forgiven(
  issue: z.core.$ZodIssue,
  templated: ReadonlySet<string>,
  templates: readonly TemplatedString[],
) {
  const path = issue.path.map(segment)
  if (templated.has(key(path))) return true
  if (issue.code !== 'custom') return false
  return templates.some((s) => path.every((p, i) => s.field[i] === p))
}

const key = (path: readonly PathSegment[]) => JSON.stringify(path)
const segment = (p: PropertyKey): PathSegment => (typeof p === 'symbol' ? String(p) : p)
