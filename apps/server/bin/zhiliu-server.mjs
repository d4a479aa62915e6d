#!/usr/bin/env node
// Runs the built server (apps/server/dist, made by `npm run build`, which `npm start` runs first): no TypeScript is
// compiled at startup. For development, `npm run dev -w @zhiliu/server` runs the sources through tsx instead.
import { existsSync } from 'node:fs'

const main = new URL('../dist/main.mjs', import.meta.url)
if (!existsSync(main)) {
  console.error('apps/server/dist is missing: run `npm run build` (or `npm start`, which builds first).')
  process.exit(1)
}
await import(main.href)
