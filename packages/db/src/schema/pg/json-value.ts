import { customType } from 'drizzle-orm/pg-core'

/**
 * A `json` column read exactly once. node-postgres already parses json values, and drizzle's own `json()` then
 * parses any string it gets a second time: a stored string such as `"123"` or `"{}"` would come back as a number or
 * an object. `json`, not `jsonb`: it keeps the text as written (key order, duplicate keys, `\u0000`, which jsonb
 * refuses), like SQLite's text column, and nothing queries inside these values.
 */
export const jsonValue = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'json',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
})
