/**
 * The command line's answer to a repeated idempotency key (a retry inside one run): what the first call returned,
 * marked `duplicate`. A CLI run lives in one process and is never resumed, so memory is the whole record; the
 * server keeps it in its store instead.
 */
export function oncePerKey<T extends { duplicate: boolean }>(): (
  key: string,
  act: () => Promise<T>,
) => Promise<T> {
  const done = new Map<string, T>()
  return async (key, act) => {
    const earlier = done.get(key)
    if (earlier) return { ...earlier, duplicate: true }
    const result = await act()
    done.set(key, result)
    return result
  }
}
