import { type Localized, t } from '@zhiliu/nodes'
import type { z } from 'zod'

type Issue = z.core.$ZodIssue

const typeNames: Record<string, Localized> = {
  string: t('文本', 'text'),
  number: t('数字', 'a number'),
  int: t('整数', 'a whole number'),
  boolean: t('是或否', 'yes or no'),
  array: t('列表', 'a list'),
  tuple: t('列表', 'a list'),
  object: t('一组字段', 'a group of fields'),
  record: t('一组字段', 'a group of fields'),
  date: t('日期', 'a date'),
  null: t('空值', 'empty'),
}

const formatNames: Record<string, Localized> = {
  url: t('网址（以 http:// 或 https:// 开头）', 'a web address (starting with http:// or https://)'),
  email: t('电子邮箱地址', 'an email address'),
  uuid: t('UUID', 'a UUID'),
  datetime: t('日期时间（如 2025-01-31T08:00:00Z）', 'a date and time (like 2025-01-31T08:00:00Z)'),
  date: t('日期（如 2025-01-31）', 'a date (like 2025-01-31)'),
  time: t('时间（如 08:00）', 'a time (like 08:00)'),
}

/** The identifier pattern of node ids and field names: worth explaining in both languages, not just one. */
const identifierPattern = String(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/)

const typeName = (expected: string) => typeNames[expected] ?? t(expected, expected)
const quoteEn = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v))
const quoteZh = (v: unknown) => (typeof v === 'string' ? `“${v}”` : String(v))

/**
 * Says what is wrong with one field in words a non-programmer follows, in both languages. zod's own messages are
 * written for developers ("expected string to have >=3 characters") and only in the configured locale. The text is
 * relative to the field: the editor shows it beside the field, the CLI prefixes the field's path.
 */
export function describeIssue(issue: Issue): Localized {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return t('这一项必填。', 'This is required.')
      const name = typeName(issue.expected)
      return t(`这里应该是${name['zh-CN']}。`, `This should be ${name.en}.`)
    }
    case 'too_small':
      return describeBound(
        issue.origin,
        'min',
        issue.minimum,
        issue.inclusive !== false,
        issue.exact === true,
      )
    case 'too_big':
      return describeBound(
        issue.origin,
        'max',
        issue.maximum,
        issue.inclusive !== false,
        issue.exact === true,
      )
    case 'invalid_value': {
      if (issue.values.length === 1)
        return t(`只能是 ${quoteZh(issue.values[0])}。`, `This must be ${quoteEn(issue.values[0])}.`)
      return t(
        `只能是以下之一：${issue.values.map(quoteZh).join('、')}。`,
        `This must be one of: ${issue.values.map(quoteEn).join(', ')}.`,
      )
    }
    case 'invalid_format': {
      if (issue.format === 'regex' && 'pattern' in issue && issue.pattern === identifierPattern) {
        return t(
          '只能用英文字母、数字和下划线 _，不能以数字开头，最多 64 个字符。',
          'Use only letters, digits and _, not starting with a digit, at most 64 characters.',
        )
      }
      const name = formatNames[issue.format]
      if (name) return t(`这里应该是${name['zh-CN']}。`, `This should be ${name.en}.`)
      return t(`格式不对：${issue.message}`, `The format is wrong: ${issue.message}`)
    }
    case 'unrecognized_keys':
      return t(
        `有无法识别的设置项：${issue.keys.map(quoteZh).join('、')}。`,
        `Unknown setting${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map(quoteEn).join(', ')}.`,
      )
    case 'invalid_union':
      return describeUnion(issue)
    case 'not_multiple_of':
      return t(`必须是 ${issue.divisor} 的倍数。`, `This must be a multiple of ${issue.divisor}.`)
    default:
      // Custom refinements carry their author's message; there is nothing better to say.
      return t(issue.message, issue.message)
  }
}

function describeBound(
  origin: string,
  side: 'min' | 'max',
  limit: number | bigint,
  inclusive: boolean,
  exact: boolean,
) {
  const n = String(limit)
  if (origin === 'string') {
    if (exact) return t(`必须正好 ${n} 个字符。`, `This must have exactly ${n} characters.`)
    if (side === 'min')
      return n === '1'
        ? t('不能为空。', 'This cannot be empty.')
        : t(`至少需要 ${n} 个字符。`, `This needs at least ${n} characters.`)
    return t(`最多 ${n} 个字符。`, `This can have at most ${n} characters.`)
  }
  if (origin === 'array' || origin === 'set') {
    if (exact) return t(`必须正好 ${n} 项。`, `This must have exactly ${n} items.`)
    if (side === 'min')
      return n === '1'
        ? t('至少需要一项。', 'This needs at least one item.')
        : t(`至少需要 ${n} 项。`, `This needs at least ${n} items.`)
    return t(`最多 ${n} 项。`, `This can have at most ${n} items.`)
  }
  if (side === 'min')
    return inclusive
      ? t(`不能小于 ${n}。`, `This must be at least ${n}.`)
      : t(`必须大于 ${n}。`, `This must be more than ${n}.`)
  return inclusive
    ? t(`不能大于 ${n}。`, `This must be at most ${n}.`)
    : t(`必须小于 ${n}。`, `This must be less than ${n}.`)
}

/** When every alternative wanted a different kind of value, naming them helps more than "no form matched". */
function describeUnion(issue: z.core.$ZodIssueInvalidUnion): Localized {
  const expected = issue.errors.map((branch) =>
    branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0
      ? branch[0].expected
      : undefined,
  )
  if (issue.input !== undefined && expected.length > 0 && expected.every((e) => e !== undefined)) {
    const names = [...new Set(expected)].map(typeName)
    return t(
      `这里应该是${names.map((n) => n['zh-CN']).join('或')}。`,
      `This should be ${names.map((n) => n.en).join(' or ')}.`,
    )
  }
  if (issue.input === undefined) return t('这一项必填。', 'This is required.')
  return t('格式不符合任何一种允许的写法。', 'This does not match any of the allowed forms.')
}
