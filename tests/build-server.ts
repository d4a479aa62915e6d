import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Vitest's global setup: builds the server once before any test file runs, so that the tests which start it as a
 * process (tests/server/server-process.ts, the browser tests) run what `npm start` runs, the built JavaScript in
 * apps/server/dist. turbo skips the build when nothing it depends on changed.
 */
export default function buildServer(): void {
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@zhiliu/server', '--output-logs=errors-only'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  })
}
