/**
 * JavaScript errors JSONata itself throws on some well-formed input, which reach users as EXPRESSION_ERROR with
 * `details.engineError`. They are upstream defects (jsonata 2.x), kept here by message so that the fuzz fails on any
 * new kind rather than on these.
 */
export const knownJsonataDefects: ReadonlyArray<[RegExp, string]> = [
  [/^Cannot (create|set) propert/, 'the transform operator |…|{…}| applied to a string, number or null'],
  [/Converting circular structure to JSON/, 'JSONata writing an error message about a function value'],
  [/reading 'arity'/, '$sift called without a function'],
  [/reading 'apply'/, '$split without a separator, inside a filter'],
  [/reading 'split'/, '$formatNumber given a picture that is not text (a list, say)'],
]

export function isKnownDefect(message: string): boolean {
  return knownJsonataDefects.some(([pattern]) => pattern.test(message))
}
