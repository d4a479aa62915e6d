/** Single quotes for a POSIX shell: the only character to escape inside them is the single quote itself. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

/** A curl command that POSTs `body` as JSON to `url`, one option per line so it reads well on a projector. */
export function curlCommand(url: string, body: unknown): string {
  return [
    `curl -X POST ${shellQuote(url)}`,
    `  -H 'content-type: application/json'`,
    `  -d ${shellQuote(JSON.stringify(body))}`,
  ].join(' \\\n')
}
