import type { FlowProblem } from '@zhiliu/engine'
import type { SchemaField } from '../catalogue/schema-fields.ts'

/** A validator problem with its path made relative to the field it is shown on. */
export interface FieldProblem {
  path: readonly (string | number)[]
  problem: FlowProblem
}

/** What every widget receives: the field as the catalogue describes it, its value and the problems on it. */
export interface FieldProps {
  /** A DOM id for the control, so its label and messages are tied to it for screen readers and tests. */
  id: string
  nodeId: string
  field: SchemaField
  value: unknown
  onChange(value: unknown): void
  problems: readonly FieldProblem[]
}

/** The problems under one key (a config field, a list index), with that key removed from their paths. */
export function problemsUnder(problems: readonly FieldProblem[], key: string | number): FieldProblem[] {
  return problems
    .filter((p) => String(p.path[0]) === String(key))
    .map((p) => ({ path: p.path.slice(1), problem: p.problem }))
}

/** Template and JSON fields may hold non-text values (imported flows, `{{ }}` results); show them as JSON. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  return JSON.stringify(value, null, 2)
}
