import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Vitest's global setup: builds the server and the editor once before any test file runs, as `npm start` does, so
 * that the tests which start the server as a process (tests/server/server-process.ts, the browser tests) run the
 * built JavaScript in apps/server/dist, and every test that serves the editor (in process too) finds its production
 * build. turbo skips a build when nothing it depends on changed. NODE_ENV is set for the build: vitest's `test`
 * would otherwise give React's development build, which no user runs.
 */
export default function buildServer(): void {
  execFileSync(
    'npx',
    [
      'turbo',
      'run',
      'build',
      '--filter=@zhiliu/server',
      '--filter=@zhiliu/editor',
      '--output-logs=errors-only',
    ],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  )
}
