const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\' }

/**
 * Lets people type an invisible separator into a one-line text box: `\n` is a line break, `\t` a tab, `\r` a carriage
 * return and `\\` a backslash. Any other backslash stays as written.
 */
export function decodeEscapes(text: string): string {
  return text.replace(/\\([nrt\\])/g, (_, c: string) => escapes[c] ?? c)
}
