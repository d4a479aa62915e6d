import { z } from 'zod'
import type { Localized } from '../localized.ts'
import { t } from '../localized.ts'
import { readNumber, readYesNo } from './read-scalar.ts'
import { toText } from './to-text.ts'

/** Comparisons a person picks from a list. No regular expressions: a user pattern can hang the server. */
export const Operator = z.enum([
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'isEmpty',
  'isNotEmpty',
  'isTrue',
  'isFalse',
])
export type Operator = z.infer<typeof Operator>

export const operatorLabels: Record<Operator, Localized> = {
  equals: t('等于', 'equals'),
  notEquals: t('不等于', 'does not equal'),
  contains: t('包含', 'contains'),
  notContains: t('不包含', 'does not contain'),
  startsWith: t('开头是', 'starts with'),
  endsWith: t('结尾是', 'ends with'),
  gt: t('大于', 'is greater than'),
  gte: t('大于或等于', 'is at least'),
  lt: t('小于', 'is less than'),
  lte: t('小于或等于', 'is at most'),
  isEmpty: t('为空', 'is empty'),
  isNotEmpty: t('不为空', 'is not empty'),
  isTrue: t('为真（是）', 'is true (yes)'),
  isFalse: t('为假（否）', 'is false (no)'),
}

/** Operators that look at the left side only; the editor hides the right side for them. */
export const unaryOperators: ReadonlySet<Operator> = new Set(['isEmpty', 'isNotEmpty', 'isTrue', 'isFalse'])

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

/** Like readYesNo, but nothing at all counts as false: an unticked box or a missing flag. */
function flag(value: unknown): boolean | undefined {
  const nothing = value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  return nothing ? false : readYesNo(value)
}

function equals(left: unknown, right: unknown): boolean {
  const a = readNumber(left)
  const b = readNumber(right)
  if (a !== undefined && b !== undefined) return a === b
  return toText(left) === toText(right)
}

function contains(left: unknown, right: unknown): boolean {
  if (Array.isArray(left)) return left.some((item) => equals(item, right))
  return toText(left).includes(toText(right))
}

/** Numbers compare numerically; two non-empty texts compare by character code, which orders ISO dates correctly. */
function order(left: unknown, right: unknown): number | undefined {
  const a = readNumber(left)
  const b = readNumber(right)
  if (a !== undefined && b !== undefined) return a - b
  if (a !== undefined || b !== undefined || isEmpty(left) || isEmpty(right)) return undefined
  const x = toText(left)
  const y = toText(right)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Whether `left <operator> right` holds. A missing value reads as empty text: it equals "", is empty, counts as
 * false, and is neither greater nor smaller than anything, so a typo in a reference never passes a size check.
 */
export function compare(left: unknown, operator: Operator, right: unknown): boolean {
  switch (operator) {
    case 'equals':
      return equals(left, right)
    case 'notEquals':
      return !equals(left, right)
    case 'contains':
      return contains(left, right)
    case 'notContains':
      return !contains(left, right)
    case 'startsWith':
      return toText(left).startsWith(toText(right))
    case 'endsWith':
      return toText(left).endsWith(toText(right))
    case 'isEmpty':
      return isEmpty(left)
    case 'isNotEmpty':
      return !isEmpty(left)
    case 'isTrue':
      return flag(left) === true
    case 'isFalse':
      return flag(left) === false
  }
  const diff = order(left, right)
  if (diff === undefined) return false
  if (operator === 'gt') return diff > 0
  if (operator === 'gte') return diff >= 0
  if (operator === 'lt') return diff < 0
  return diff <= 0
}
