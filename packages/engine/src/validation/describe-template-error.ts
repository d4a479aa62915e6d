import { type ExpressionError, type Localized, t } from '@zhiliu/nodes'

/** What the validator says about a template that does not parse; Liquid's own English stays in `details`. */
export interface TemplateMistake {
  reason: Localized
  line?: number
  column?: number
  details: { liquid: string }
}

type Reason = [RegExp, (m: RegExpMatchArray) => Localized]

/**
 * LiquidJS's parse errors in words a non-programmer follows, in both languages. Liquid writes for programmers
 * (`output "{{ x" not closed`, `invalid value expression: ""`); each known message gets a sentence saying what to fix.
 */
const reasons: Reason[] = [
  [
    /^output "(.*)" not closed$/s,
    () =>
      t(
        '“{{” 没有配对的 “}}”：请在要引用的名称后面补上 }}，或删掉多余的 {{。',
        'A "{{" has no matching "}}": add }} after the name, or remove the extra {{.',
      ),
  ],
  [/^tag "\{%" not closed$/, () => t('“{%” 没有配对的 “%}”。', 'A "{%" has no matching "%}".')],
  [
    /^tag (\{%.*%\}) not closed$/s,
    (m) =>
      t(
        `“${m[1]}” 缺少对应的结束标签，例如 {% endif %} 或 {% endfor %}。`,
        `"${m[1]}" has no closing tag such as {% endif %} or {% endfor %}.`,
      ),
  ],
  [
    /^tag "(end\w*)" not found$/,
    (m) =>
      t(
        `多了一个 “{% ${m[1]} %}”，前面没有和它配对的开始标签。`,
        `There is an extra "{% ${m[1]} %}" with no opening tag before it.`,
      ),
  ],
  [
    /^tag "(.*)" not found$/,
    (m) => t(`没有 “${m[1]}” 这个标签，请检查拼写。`, `There is no tag "${m[1]}". Check the spelling.`),
  ],
  [
    /^undefined filter: (.*)$/,
    (m) =>
      t(
        `没有 “${m[1]}” 这个过滤器（| 后面的名称），请检查拼写。`,
        `There is no filter "${m[1]}" (the name after |). Check the spelling.`,
      ),
  ],
  [
    /^invalid value expression: "(.*)"$/s,
    () =>
      t(
        '{{ }} 里是空的或写法不对：请写上要引用的名称，例如 {{ trigger.body.title }}。',
        'The {{ }} is empty or not a name: write what to bring in, like {{ trigger.body.title }}.',
      ),
  ],
  [/^illegal tag: (.*)$/s, (m) => t(`标签 “${m[1]}” 没写完整。`, `The tag "${m[1]}" is incomplete.`)],
  [/^(\S) not closed$/, (m) => t(`“${m[1]}” 没有配对的结束符号。`, `"${m[1]}" is not closed.`)],
  [/^expected variable name$/, () => t('这里需要一个变量名。', 'A variable name is expected here.')],
  [
    /^duplicated else$/,
    () => t('一个条件里只能有一个 {% else %}。', 'A condition can have only one {% else %}.'),
  ],
  [
    /^expected "\|" before filter$/,
    () =>
      t(
        '过滤器前面要有 “|”，名称里也不能有连续的点。',
        'A filter needs "|" before it, and a name no double dots.',
      ),
  ],
]

const SYNTAX = /^Template syntax error(?: at line (\d+), column (\d+))?: (.*)$/s

/** Reads our TEMPLATE_SYNTAX message (see the template package's toTemplateError) into a reason and a place. */
export function describeTemplateError(err: ExpressionError): TemplateMistake {
  const match = SYNTAX.exec(err.message)
  const liquid = match?.[3] ?? err.message
  const known = reasons.find(([pattern]) => pattern.test(liquid))
  const reason = known
    ? known[1](liquid.match(known[0]) as RegExpMatchArray)
    : t('模板的写法有误，原文说明见“详细信息”。', `The template has a mistake: ${liquid}`)
  const place = match?.[1] ? { line: Number(match[1]), column: Number(match[2]) } : {}
  return { reason, ...place, details: { liquid: err.message } }
}
