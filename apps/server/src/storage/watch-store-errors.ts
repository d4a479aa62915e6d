/**
 * The same store, with every rejected call also reported to `onError` (the caller still gets the rejection). The
 * one place the server sees every database failure, from requests, runs and background jobs alike.
 */
export function watchStoreErrors<S extends object>(store: S, onError: (error: unknown) => void): S {
  const watched = { ...store } as Record<string, unknown>
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function') continue
    const method = value as (...args: unknown[]) => unknown
    watched[name] = (...args: unknown[]) => {
      const result = method.apply(store, args)
      if (result instanceof Promise) result.catch(onError)
      return result
    }
  }
  return watched as S
}
