/**
 * A LIKE pattern that matches `text` anywhere in a value, literally: `%`, `_` and the escape character `\` itself
 * are escaped, so a search for "50%" finds "50%" and not "500". Use it with `escape '\'`.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`
}
