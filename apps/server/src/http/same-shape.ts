/**
 * `true` only when A and B are the same type. Used as `const check: SameShape<z.infer<typeof X>, Row> = true` so a
 * response schema written with zod cannot drift from the drizzle row it shows: the build fails instead.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
