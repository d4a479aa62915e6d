#!/usr/bin/env node
// The packages ship TypeScript source; tsx compiles it on load so the server needs no build step after `npm install`.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
