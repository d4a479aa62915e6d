import fc from 'fast-check'

/**
 * JSONata sources for the fuzz: mostly well-formed expressions built from the language's own pieces (paths,
 * operators, brackets, literals, functions, ranges, regexes, lambdas, bindings, transforms), then the same pieces
 * thrown together in any order, then arbitrary text. Sizes and ranges stay small so that a case normally ends in
 * well under a millisecond; a few large numbers still reach the limits.
 */
const names = ['a', 'b', 'items', 'name', 'qty', 'price', 'tags', 'nested', '`odd name`', '*', '**', '%']
const variables = ['$', '$$', '$x', '$i', '$input', '$trigger', '$f']
const functions = [
  'count',
  'map',
  'filter',
  'reduce',
  'string',
  'uppercase',
  'lowercase',
  'length',
  'substring',
  'split',
  'join',
  'sum',
  'max',
  'min',
  'average',
  'keys',
  'lookup',
  'append',
  'reverse',
  'sort',
  'pad',
  'match',
  'replace',
  'contains',
  'number',
  'boolean',
  'exists',
  'each',
  'merge',
  'spread',
  'eval',
  'not',
  'distinct',
  'zip',
  'shuffle',
  'formatNumber',
  'formatBase',
  'toMillis',
  'fromMillis',
  'now',
  'base64encode',
  'encodeUrl',
  'type',
  'sift',
  'single',
  'trim',
  'abs',
  'floor',
  'power',
  'sqrt',
  'round',
  'string',
  'error',
  'assert',
  'foo',
]
const binary = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  'in',
  '~>',
  '??',
  '?:',
  '.',
]
const regexes = ['/ab+c/i', '/[0-9]+/', '/^(a|b)*$/m', '/./', '/(a+)+$/', '/(a)\\1/', '/\\s/', '/[/', '//']
const strings = [
  '"abc"',
  "'x'",
  '"李雷"',
  '""',
  '"a\\nb"',
  '"\\u4E2D"',
  '"\\q"',
  '"unterminated',
  '"$"',
  '"1e3"',
]
const numbers = ['0', '1', '2', '3', '-1', '2.5', '1e3', '1e308', '1e309', '0.1', '100', '99999999']

const pick = (values: readonly string[]) => fc.constantFrom(...values)
/** Mostly small integers; now and then one large enough to meet a sequence, range or string limit. */
const count = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: -2, max: 12 }) },
  fc.constantFrom(1_000, 1e6, 1e9),
)

const { expr } = fc.letrec<{ expr: string }>((tie) => {
  const e = () => tie('expr')
  const args = (n: number) => fc.array(e(), { maxLength: n }).map((xs) => xs.join(', '))
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      pick(names),
      pick(variables),
      pick(numbers),
      pick(strings),
      pick(['true', 'false', 'null', '[]', '{}', '()']),
      pick(regexes),
      fc.tuple(count, count).map(([a, b]) => `[${a}..${b}]`),
      fc.tuple(e(), pick(binary), e()).map(([l, op, r]) => `${l} ${op} ${r}`),
      fc.tuple(pick(['-', '$not(', '[', '(']), e()).map(([op, x]) => `${op}${x}${closer(op)}`),
      fc.tuple(e(), e()).map(([l, r]) => `${l}[${r}]`),
      fc.tuple(e(), e()).map(([l, r]) => `${l}.(${r})`),
      fc.tuple(e(), e(), e()).map(([l, k, v]) => `${l}{${k}: ${v}}`),
      fc.tuple(e(), e()).map(([l, k]) => `${l}^(${k})`),
      fc.tuple(e(), e(), e()).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
      fc.tuple(pick(functions), args(3)).map(([f, a]) => `$${f}(${a})`),
      args(4).map((a) => `[${a}]`),
      fc
        .array(fc.tuple(pick(strings), e()), { maxLength: 3 })
        .map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      fc.tuple(pick(['$x', '$i', '$f']), e(), e()).map(([v, x, body]) => `(${v} := ${x}; ${body})`),
      fc.tuple(e()).map(([body]) => `function($x, $i) { ${body} }`),
      e().map((body) => `($f := function($x) { $x > 3 ? $x : $f($x + 1) }; ${body})`),
      fc.tuple(e(), e()).map(([path, update]) => `$ ~> |${path}|{"k": ${update}}|`),
      fc.tuple(e(), pick(['@$x', '#$i'])).map(([l, b]) => `${l}${b}`),
      e().map((x) => `/* comment */ ${x}`),
    ),
  }
})

function closer(open: string): string {
  if (open === '[') return ']'
  if (open === '(' || open === '$not(') return ')'
  return ''
}

/** Tokens of the language in any order: mostly broken syntax, which must end in EXPRESSION_SYNTAX. */
const tokens = [
  ...names,
  ...variables,
  ...binary,
  ...regexes,
  ...strings,
  ...numbers,
  ...functions.map((f) => `$${f}(`),
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  ':',
  ':=',
  '..',
  '|',
  '^(',
  '@',
  '#',
  '?',
  'function',
  '"',
  '`',
  '/*',
  '*/',
  '\n',
  ' ',
]

export const expressionSource: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: expr },
  { weight: 3, arbitrary: fc.array(pick(tokens), { maxLength: 12 }).map((xs) => xs.join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
)
