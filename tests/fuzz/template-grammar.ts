import fc from 'fast-check'

/**
 * Liquid sources for the fuzz: text with output tags (values, filters with arguments), tags (if, unless, case,
 * for, tablerow, assign, capture, cycle, increment, raw, comment, liquid, echo, include), then the same pieces in
 * any order, then arbitrary text. Ranges are mostly small so a case normally renders in well under a millisecond.
 */
const values = [
  'trigger.body.title',
  'trigger.body.list',
  'trigger.body.n',
  'trigger.body.missing.deep',
  'trigger.headers',
  'nodes.a.text',
  'nodes.a.list',
  'nodes.a',
  'nodes["a"].text',
  'nodes.ghost.x',
  'nodes',
  'item',
  'index',
  'forloop.index',
  'x',
  'ghost',
  '"text"',
  "'李雷'",
  '1',
  '-2',
  '3.5',
  'true',
  'nil',
  'empty',
  'blank',
  'trigger.body.list[0]',
  'trigger.body.list.size',
  'trigger.body.list.first',
  'constructor',
  '__proto__',
]
const filters = [
  'upcase',
  'downcase',
  'size',
  'first',
  'last',
  'reverse',
  'sort',
  'uniq',
  'compact',
  'json',
  'escape',
  'strip',
  'capitalize',
  'abs',
  'url_encode',
  'newline_to_br',
  'strip_html',
  'join: ", "',
  'split: ","',
  'slice: 1, 2',
  'append: "x"',
  'prepend: "y"',
  'replace: "a", "b"',
  'default: "none"',
  'plus: 2',
  'minus: 1',
  'times: 3',
  'divided_by: 0',
  'divided_by: 2',
  'modulo: 0',
  'round: 2',
  'at_least: 1',
  'truncate: 3',
  'date: "%Y"',
  'map: "text"',
  'where: "text", "x"',
  'concat: trigger.body.list',
  'sort_natural',
  'valueOf',
  'constructor',
  'no_such_filter',
]

const pick = (xs: readonly string[]) => fc.constantFrom(...xs)
const count = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: -2, max: 12 }) },
  fc.constantFrom(1_000, 100_000),
)
const value = fc.oneof(
  { weight: 5, arbitrary: pick(values) },
  fc.tuple(count, count).map(([a, b]) => `(${a}..${b})`),
)
const output = fc
  .tuple(value, fc.array(pick(filters), { maxLength: 3 }))
  .map(([v, fs]) => `{{ ${[v, ...fs].join(' | ')} }}`)
const condition = fc
  .tuple(value, pick(['==', '!=', '<', '>=', 'contains', 'and', 'or']), value)
  .map(([l, op, r]) => `${l} ${op} ${r}`)

const { body } = fc.letrec<{ body: string }>((tie) => {
  const b = () => tie('body')
  return {
    body: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      pick(['Hello ', '你好，', '\n', ' ', '', '}}', '{ {', '%}']),
      output,
      fc.array(b(), { maxLength: 4 }).map((xs) => xs.join('')),
      fc.tuple(condition, b(), b()).map(([c, t, f]) => `{% if ${c} %}${t}{% else %}${f}{% endif %}`),
      fc.tuple(condition, b()).map(([c, t]) => `{% unless ${c} %}${t}{% endunless %}`),
      fc.tuple(value, b()).map(([v, t]) => `{% case ${v} %}{% when 1, "x" %}${t}{% else %}-{% endcase %}`),
      fc
        .tuple(value, b(), pick(['', ' limit: 2', ' reversed', ' offset: 1']))
        .map(([v, t, opt]) => `{% for x in ${v}${opt} %}${t}{% else %}none{% endfor %}`),
      fc.tuple(value, b()).map(([v, t]) => `{% tablerow x in ${v} cols: 2 %}${t}{% endtablerow %}`),
      fc.tuple(value, pick(filters)).map(([v, f]) => `{% assign x = ${v} | ${f} %}`),
      b().map((t) => `{% capture x %}${t}{% endcapture %}{{ x }}`),
      pick([
        '{% cycle "a", "b" %}',
        '{% increment n %}',
        '{% decrement n %}',
        '{% break %}',
        '{% continue %}',
      ]),
      b().map((t) => `{% raw %}${t}{% endraw %}{% comment %}${t}{% endcomment %}`),
      value.map((v) => `{% liquid\nassign y = ${v}\necho y\n%}`),
      pick(['{% include "x" %}', '{% render "x" %}', '{% layout "x" %}', '{% no_such_tag %}']),
    ),
  }
})

const tokens = [
  '{{',
  '}}',
  '{%',
  '%}',
  '{{-',
  '-}}',
  '|',
  ':',
  ',',
  '(',
  ')',
  '..',
  '[',
  ']',
  '"',
  "'",
  'if',
  'endif',
  'for',
  'endfor',
  'in',
  'assign',
  '=',
  'capture',
  'endcapture',
  'raw',
  'endraw',
  'comment',
  ...values,
  ...filters,
  '\n',
]

export const templateSource: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: body },
  { weight: 3, arbitrary: fc.array(pick(tokens), { maxLength: 14 }).map((xs) => xs.join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }).map((s) => `{{ ${s} }}${s}`) },
)
