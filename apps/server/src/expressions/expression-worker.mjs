// A worker thread starts without the main thread's TypeScript loader, so it registers tsx itself (as the server's
// bin does) before loading the evaluator. This works the same under `npm start`, vitest and tsx.
import { register } from 'tsx/esm/api'

register()
await import('./expression-worker.ts')
