#!/usr/bin/env node
// Runs the built server (apps/server/dist, made by `npm run build`, which `npm start` runs first): no TypeScript is
// compiled at startup. For development, `npm run dev -w @zhiliu/server` runs the sources through tsx instead.
import { existsSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'

const main = new URL('../dist/main.mjs', import.meta.url)
if (!existsSync(main)) {
  console.error('apps/server/dist is missing: run `npm run build` (or `npm start`, which builds first).')
  process.exit(1)
}
// Under load most of the old generation is garbage: objects of requests in flight that outlived two scavenges. By
// default V8 lets it grow to a few times the live data before collecting (RSS ≈ 290–330 MB under the peer bench's
// `hook` load); growing the limit by 40 % over what survived keeps it ≈ 210 MB at no measurable CPU cost
// (docs/performance.md). Set before the server allocates anything; an operator's own heap flags win.
const heapFlags = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`
if (!/--(heap-growing-percent|max-old-space-size|max-heap-size)/.test(heapFlags)) {
  setFlagsFromString('--heap-growing-percent=40')
}
// The young generation is sized when the isolate starts, so its flag cannot be set from here: `npm start` (and
// compose.yaml) run `node --max-semi-space-size=32` on this file. Twice the default 16 MB lets a request in flight
// die young instead of being copied and promoted: lower CPU per `hook` request in five of six paired runs (−11 to
// −41 %), ≈ +35 MB RSS under load (docs/performance.md, "The floor, a writer thread and the young generation").
await import(main.href)
