import { bigint } from 'drizzle-orm/pg-core'

/**
 * A time in ms since the epoch, as SQLite's integer columns hold it. `bigint` because ms already exceed int4;
 * `mode: 'number'` reads it as a JS number (exact up to 2^53, i.e. the year 287,396), so row types stay those of
 * the SQLite schema.
 */
export function ms<TName extends string>(name: TName) {
  return bigint(name, { mode: 'number' })
}
