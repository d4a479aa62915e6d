import type jsonata from 'jsonata'

/** Returned when the fast path cannot answer exactly as JSONata would: the caller then runs JSONata itself. */
export const FALLBACK: unique symbol = Symbol('fallback')

type Bindings = Record<string, unknown> | undefined
type Step = (input: unknown, bindings: Bindings) => unknown

/** Deeper ASTs go to JSONata, whose depth guard then applies: the fast path recurses once per level. */
const MAX_DEPTH = 24

/** The parts of JSONata's AST read here (its own typings leave out `path` and `unary`'s operand). */
interface Ast {
  type: string
  value?: unknown
  steps?: Ast[]
  lhs?: Ast
  rhs?: Ast
  expression?: Ast
  arguments?: Ast[]
  procedure?: Ast
}

const compiled = new WeakMap<jsonata.Expression, Step | null>()

/**
 * A synchronous evaluator for the small expressions most transforms are (`result + 1`, `$uppercase(title)`,
 * `price * qty`, `status = "done"`), or null when the expression uses anything else. Built once per compiled
 * expression. It covers paths of plain field names over plain objects, number/string/boolean/null literals,
 * arithmetic and comparisons on numbers or strings, `&` on strings, and `$uppercase`, `$lowercase`, `$length`,
 * `$trim` on strings. Whenever a value falls outside that (an array, which JSONata maps over; a missing field; a
 * number out of range; a key not the object's own) it returns FALLBACK rather than guessing, and JSONata answers,
 * errors included. Each step is a closure over its AST node, so an evaluation allocates nothing but its result:
 * JSONata's own evaluator awaits at every step, which costs more than the arithmetic it performs.
 * Limits need no check here: the work is bounded by the expression's size (no loops, no recursion, no sequences).
 */
export function simpleEvaluatorOf(expr: jsonata.Expression): Step | null {
  let step = compiled.get(expr)
  if (step === undefined) {
    step = compileNode(expr.ast() as unknown as Ast, 0)
    compiled.set(expr, step)
  }
  return step
}

function compileNode(node: Ast, depth: number): Step | null {
  if (depth > MAX_DEPTH || !onlyKeys(node, BASE_KEYS)) return null
  switch (node.type) {
    case 'number':
    case 'string':
    case 'value': {
      const { value } = node
      return () => value
    }
    case 'path':
      return compilePath(node)
    case 'variable':
      return compileVariable(node.value as string)
    case 'binary':
      return compileBinary(node, depth)
    case 'unary': {
      if (node.value !== '-' || !node.expression) return null
      const operand = compileNode(node.expression, depth + 1)
      if (!operand) return null
      return (input, bindings) => {
        const value = operand(input, bindings)
        return typeof value === 'number' ? -value : FALLBACK
      }
    }
    case 'function':
      return compileCall(node, depth)
    default:
      return null
  }
}

const BASE_KEYS = new Set([
  'type',
  'value',
  'position',
  'steps',
  'lhs',
  'rhs',
  'expression',
  'arguments',
  'procedure',
])
const STEP_KEYS = new Set(['type', 'value', 'position'])

/** Any other key (predicates, stages, grouping, focus and index bindings, array constructors …) means JSONata. */
function onlyKeys(node: object, allowed: ReadonlySet<string>): boolean {
  for (const [key, value] of Object.entries(node)) {
    // The parser leaves some keys present but undefined (a function call's `name`).
    if (value !== undefined && !allowed.has(key)) return false
  }
  return true
}

/** `$` (the input) or a binding such as `$input`; anything else (a function name, `$$`) goes to JSONata. */
function compileVariable(name: string): Step | null {
  if (name === '') return (input) => (isPlainValue(input) ? input : FALLBACK)
  if (name === '$') return null
  return (_input, bindings) => {
    if (!bindings || !Object.hasOwn(bindings, name)) return FALLBACK
    const value = bindings[name]
    return isPlainValue(value) ? value : FALLBACK
  }
}

function compilePath(node: Ast): Step | null {
  const steps = node.steps ?? []
  if (steps.length === 0) return null
  let start: Step = (input) => input
  let names = steps
  const first = steps[0] as Ast
  if (first.type === 'variable') {
    if (!onlyKeys(first, STEP_KEYS)) return null
    const variable = compileVariable(first.value as string)
    if (!variable) return null
    start = variable
    names = steps.slice(1)
  }
  const keys: string[] = []
  for (const step of names) {
    if (step.type !== 'name' || !onlyKeys(step, STEP_KEYS) || typeof step.value !== 'string') return null
    keys.push(step.value)
  }
  return (input, bindings) => {
    let current = start(input, bindings)
    if (current === FALLBACK) return FALLBACK
    for (const key of keys) {
      if (!isRecord(current) || !Object.hasOwn(current, key)) return FALLBACK
      current = current[key]
    }
    return isPlainValue(current) ? current : FALLBACK
  }
}

function compileBinary(node: Ast, depth: number): Step | null {
  if (!node.lhs || !node.rhs) return null
  const lhs = compileNode(node.lhs, depth + 1)
  const rhs = compileNode(node.rhs, depth + 1)
  const op = operators[node.value as string]
  if (!lhs || !rhs || !op) return null
  return (input, bindings) => {
    const left = lhs(input, bindings)
    if (left === FALLBACK) return FALLBACK
    const right = rhs(input, bindings)
    if (right === FALLBACK) return FALLBACK
    return op(left, right)
  }
}

type Operator = (left: unknown, right: unknown) => unknown

const arithmetic =
  (apply: (a: number, b: number) => number): Operator =>
  (left, right) => {
    if (typeof left !== 'number' || typeof right !== 'number') return FALLBACK
    const result = apply(left, right)
    return Number.isFinite(result) ? result : FALLBACK
  }

const ordering =
  (apply: (a: number | string, b: number | string) => boolean): Operator =>
  (left, right) => {
    const sameType =
      (typeof left === 'number' && typeof right === 'number') ||
      (typeof left === 'string' && typeof right === 'string')
    return sameType ? apply(left as number | string, right as number | string) : FALLBACK
  }

const equality =
  (equal: boolean): Operator =>
  (left, right) => {
    // Objects and arrays compare deeply in JSONata; primitives by value, as here.
    if (!isPrimitive(left) || !isPrimitive(right)) return FALLBACK
    return (left === right) === equal
  }

const operators: Record<string, Operator | undefined> = {
  '+': arithmetic((a, b) => a + b),
  '-': arithmetic((a, b) => a - b),
  '*': arithmetic((a, b) => a * b),
  '/': arithmetic((a, b) => a / b),
  '%': arithmetic((a, b) => a % b),
  '<': ordering((a, b) => a < b),
  '<=': ordering((a, b) => a <= b),
  '>': ordering((a, b) => a > b),
  '>=': ordering((a, b) => a >= b),
  '=': equality(true),
  '!=': equality(false),
  '&': (left, right) => (typeof left === 'string' && typeof right === 'string' ? left + right : FALLBACK),
}

/** Functions of one string argument whose JSONata definitions are exactly these. */
const stringFunctions: Record<string, ((text: string) => unknown) | undefined> = {
  uppercase: (text) => text.toUpperCase(),
  lowercase: (text) => text.toLowerCase(),
  // JSONata counts code points, not UTF-16 units.
  length: (text) => Array.from(text).length,
  trim: (text) => {
    // JSONata's own rule: runs of space, tab, CR, LF become one space; one space is dropped at each end.
    let result = text.replace(/[ \t\n\r]+/gm, ' ')
    if (result.startsWith(' ')) result = result.slice(1)
    if (result.endsWith(' ')) result = result.slice(0, -1)
    return result
  },
}

function compileCall(node: Ast, depth: number): Step | null {
  const procedure = node.procedure
  const args = node.arguments ?? []
  if (procedure?.type !== 'variable' || args.length !== 1) return null
  if (!onlyKeys(procedure, STEP_KEYS)) return null
  const name = procedure.value as string
  const apply = Object.hasOwn(stringFunctions, name) ? stringFunctions[name] : undefined
  const argument = compileNode(args[0] as Ast, depth + 1)
  if (!apply || !argument) return null
  return (input, bindings) => {
    // A binding of the same name would shadow the built-in in JSONata.
    if (bindings && Object.hasOwn(bindings, name)) return FALLBACK
    const value = argument(input, bindings)
    return typeof value === 'string' ? apply(value) : FALLBACK
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function isPrimitive(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value)
  return value === null || typeof value === 'string' || typeof value === 'boolean'
}

/** What a path may yield here: primitives and plain objects. Arrays (sequences in JSONata), functions and the like
 * are JSONata's to handle; undefined too, since what a missing value does depends on the operator around it. */
function isPlainValue(value: unknown): boolean {
  return isPrimitive(value) || isRecord(value)
}
