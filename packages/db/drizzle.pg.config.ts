import { defineConfig } from 'drizzle-kit'

// `npm run db:generate:pg -w @zhiliu/db` after changing a PostgreSQL table (schema/pg mirrors schema/sqlite, so
// change both and generate both); the SQL is committed and applied on open under an advisory lock.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/pg/index.ts',
  out: './migrations/pg',
})
