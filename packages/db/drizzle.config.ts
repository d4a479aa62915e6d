import { defineConfig } from 'drizzle-kit'

// `npm run db:generate -w @zhiliu/db` after changing a table; the generated SQL is committed and applied on open.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/sqlite/index.ts',
  out: './migrations/sqlite',
})
