import type { PathSegment } from './problem.ts'

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Writes a reference back the way people type it in a template: `nodes.fetch.items[0].title`. */
export function formatRef(root: string, path: readonly PathSegment[]): string {
  let text = root
  for (const seg of path) {
    if (typeof seg === 'number') text += `[${seg}]`
    else if (identifier.test(seg)) text += `.${seg}`
    else text += `[${JSON.stringify(seg)}]`
  }
  return text
}
