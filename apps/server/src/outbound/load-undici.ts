/**
 * undici (the npm package, for its connect-time `lookup` hook) loaded on the first outbound request rather than at
 * start: it is ≈ 110 modules, and most servers start, and many never make a request to the outside.
 */
let loading: Promise<typeof import('undici')> | undefined

export function loadUndici(): Promise<typeof import('undici')> {
  loading ??= import('undici')
  return loading
}
