import { type ExpressionError, type Localized, t } from '@zhiliu/nodes'

/** Where a mistake is, counted as a person sees the expression: 1-based line and column. */
export interface ExpressionPlace {
  /** Characters JSONata had read when it found the mistake (its `position`), from the start of the expression. */
  offset: number
  line: number
  column: number
}

/** What the validator says about an expression that does not parse, and what it keeps of JSONata's own report. */
export interface ExpressionMistake {
  reason: Localized
  place: ExpressionPlace | undefined
  details: Record<string, unknown>
}

type Said = { token: string; value: string }

/**
 * JSONata's syntax errors (S0xxx) in words a non-programmer follows, in both languages. JSONata's own English is
 * written for programmers ("The symbol "]" cannot be used as a unary operator") and is kept in `details`.
 */
const reasons: Record<string, (s: Said) => Localized> = {
  S0101: () =>
    t(
      '文字缺少结尾的引号：用引号开头的文字必须用同样的引号结束。',
      'A piece of text is not closed: text that starts with a quote must end with the same quote.',
    ),
  S0102: ({ token }) => t(`数字 ${token} 太大了，超出了范围。`, `The number ${token} is out of range.`),
  S0103: ({ token }) =>
    t(
      `文字里的 \\${token} 不是支持的转义写法（可用 \\" \\\\ \\/ \\n \\t \\uXXXX 等）。`,
      `\\${token} is not a supported escape in text (use \\" \\\\ \\/ \\n \\t \\uXXXX and so on).`,
    ),
  S0104: () =>
    t(
      '\\u 后面必须跟 4 位十六进制数字，例如 \\u4E2D。',
      '\\u must be followed by 4 hex digits, like \\u4E2D.',
    ),
  S0105: () =>
    t(
      '用反引号 ` 括起来的字段名缺少结尾的反引号。',
      'A field name in backquotes (`) is missing its closing backquote.',
    ),
  S0106: () => t('注释 /* 缺少结尾的 */。', 'A comment /* is missing its closing */.'),
  S0201: ({ token }) =>
    t(
      `这里不应该出现 “${token}”，可能缺少运算符或逗号。`,
      `"${token}" is not expected here; an operator or a comma may be missing.`,
    ),
  S0202: ({ token, value }) =>
    t(`这里应该是 “${value}”，却写了 “${token}”。`, `"${value}" is expected here, not "${token}".`),
  S0203: ({ value }) =>
    t(
      `表达式没写完：缺少 “${value}”，请检查括号和引号是否成对。`,
      `The expression ends too early: "${value}" is missing. Check that brackets and quotes pair up.`,
    ),
  S0204: ({ token }) => t(`没有 “${token}” 这个运算符。`, `There is no operator "${token}".`),
  S0205: ({ token }) => t(`这里不应该出现 “${token}”。`, `"${token}" is not expected here.`),
  S0206: ({ token }) =>
    t(`无法识别 “${token}” 这种写法。`, `"${token}" is not a kind of expression JSONata knows.`),
  S0207: () =>
    t(
      '表达式没写完就结束了，例如运算符或 := 后面缺少内容。',
      'The expression ends too early, for example with nothing after an operator or :=.',
    ),
  S0208: ({ value }) =>
    t(
      `函数定义的第 ${value} 个参数必须是以 $ 开头的变量名。`,
      `Parameter ${value} of the function definition must be a variable name starting with $.`,
    ),
  S0209: () =>
    t('分组 {…} 后面不能再跟筛选条件 […]。', 'A filter […] cannot follow a grouping {…} in the same step.'),
  S0210: () => t('路径的每一步只能有一个分组 {…}。', 'Each step of a path can have only one grouping {…}.'),
  S0211: ({ token }) =>
    t(
      `“${token}” 不能用在这里：它前面缺少内容，或者括号没有成对。`,
      `"${token}" cannot stand here: something is missing before it, or brackets do not pair up.`,
    ),
  S0212: () =>
    t(':= 左边必须是以 $ 开头的变量名。', 'The left side of := must be a variable name starting with $.'),
  S0213: ({ value }) =>
    t(
      `固定值 ${value} 不能用作路径中的一步；字段名请用反引号括起来，如 \`${value}\`。`,
      `The value ${value} cannot be a step in a path; put a field name in backquotes, like \`${value}\`.`,
    ),
  S0214: ({ token }) =>
    t(
      `“${token}” 右边必须是以 $ 开头的变量名。`,
      `The right side of "${token}" must be a variable name starting with $.`,
    ),
  S0215: () =>
    t('变量绑定 @$x 必须写在筛选条件 […] 之前。', 'A binding @$x must come before any filter […] on a step.'),
  S0216: () =>
    t('变量绑定 @$x 必须写在排序 ^(…) 之前。', 'A binding @$x must come before the sort ^(…) on a step.'),
  S0217: () => t('这里无法用 % 取得上一级对象。', 'The parent object % cannot be found from here.'),
  S0301: () => t('正则表达式 // 不能是空的。', 'A regular expression // cannot be empty.'),
  S0302: () => t('正则表达式缺少结尾的 /。', 'A regular expression is missing its closing /.'),
  S0401: () =>
    t('类型参数只能用于函数和数组。', 'Type parameters can only be applied to functions and arrays.'),
  S0402: () =>
    t('函数签名里的选择组不能带类型参数。', 'Choice groups in a signature cannot have type parameters.'),
}

/** The reason, place and JSONata's own report for an expression that does not parse. */
export function describeExpressionError(err: ExpressionError, source: string): ExpressionMistake {
  const details = (typeof err.details === 'object' && err.details !== null ? err.details : {}) as Record<
    string,
    unknown
  >
  const position = typeof details.position === 'number' ? details.position : undefined
  const place = position === undefined ? undefined : placeOf(source, position)
  const said: Said = { token: shown(details.token), value: shown(details.value) }
  const jsonataCode = typeof details.jsonataCode === 'string' ? details.jsonataCode : undefined
  // JSONata's own words, as it threw them (or RE2's, for a regex); our message adds only the position.
  const cause: unknown = err.cause
  const original =
    typeof cause === 'object' && cause !== null && typeof (cause as Error).message === 'string'
      ? (cause as Error).message
      : err.message
  const kept = { ...details, ...place, jsonataMessage: original }
  if (typeof details.regex === 'string') {
    const regex = details.regex
    const reason = t(
      `正则表达式 ${regex} 用了不支持的写法（反向引用如 \\1，或环视如 (?=…)）。为了防止表达式卡住服务器，正则表达式不支持这些写法。`,
      `The regular expression ${regex} uses backreferences (\\1) or lookaround ((?=…)), which are not supported: they can make an expression stall the server.`,
    )
    return { reason, place, details: kept }
  }
  if (typeof details.regexError === 'string') {
    const reason = t(
      `正则表达式写法有误（例如括号没有成对）：${details.regexError}`,
      `A regular expression is not valid (brackets may not pair up): ${details.regexError}`,
    )
    return { reason, place, details: kept }
  }
  const describe = jsonataCode ? reasons[jsonataCode] : undefined
  const reason = describe ? describe(said) : t(`表达式写法有误：${err.message}`, err.message)
  return { reason, place, details: kept }
}

/**
 * JSONata's `position` counts the characters read when the mistake showed, so it sits just after the offending
 * token; the line and column given are those of the token's last character (or of the end, for a missing ending).
 */
function placeOf(source: string, position: number): ExpressionPlace {
  const offset = Math.max(0, Math.min(position, source.length))
  const at = Math.max(0, offset - 1)
  const before = source.slice(0, at)
  const lineStart = before.lastIndexOf('\n') + 1
  return { offset, line: before.split('\n').length, column: at - lineStart + 1 }
}

function shown(value: unknown): string {
  return value === undefined ? '' : String(value)
}
