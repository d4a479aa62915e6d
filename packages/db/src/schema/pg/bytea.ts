import { customType } from 'drizzle-orm/pg-core'

/** node-postgres sends a Buffer as binary and reads `bytea` back as one: SQLite's `blob({ mode: 'buffer' })`. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })
