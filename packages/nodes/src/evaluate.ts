// The evaluators alone, for the server's worker threads: loading the whole node registry there would double their
// start-up time for nothing.
export { ExpressionError, ZhiliuError } from './errors.ts'
export { type ExpressionOptions, evaluateExpression } from './expression/evaluate-expression.ts'
export { renderTemplate, type TemplateScope } from './template/render-template.ts'
