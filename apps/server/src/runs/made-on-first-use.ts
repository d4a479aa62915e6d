// biome-ignore lint/suspicious/noExplicitAny: matches any method signature; the result is typed by T
type Method = (...args: any[]) => unknown
type MethodName<T> = { [K in keyof T]-?: NonNullable<T[K]> extends Method ? K : never }[keyof T]

/**
 * A service whose making is put off until one of its methods is first called, then made once and kept. A run is
 * handed all its services when it starts (models, secrets, publishing, other flows…), while most runs — a webhook
 * answered by a template — call none of them: making them all per run was most of what starting one allocated.
 * `methods` lists every method of T (a Record, so a method added to the interface is a compile error here); each
 * one exists on the stand-in, so a service whose real object lacks an optional method fails that call instead.
 */
export function madeOnFirstUse<T extends object>(make: () => T, methods: Record<MethodName<T>, true>): T {
  let made: T | undefined
  const standIn: Record<string, Method> = {}
  for (const name of Object.keys(methods)) {
    standIn[name] = (...args) => {
      made ??= make()
      const method = (made as Record<string, Method | undefined>)[name]
      if (!method) throw new TypeError(`${name} is not available here`)
      return method.apply(made, args)
    }
  }
  return standIn as T
}
