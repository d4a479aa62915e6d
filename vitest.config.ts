import { configDefaults, defineConfig } from 'vitest/config'

/** What every project shares. (Not `extends: true`: that would run the global setup's build once per project.) */
const shared = {
  testTimeout: 20_000,
  hookTimeout: 60_000,
  // New password hashes at 1/16 of the production scrypt cost, in the test runner's workers only (and the servers
  // they start): about a thousand hashes at ≈ 0.3 s of CPU each were the unit files' largest setup cost
  // (apps/server/src/security/password.ts; password.test.ts checks the production parameters).
  env: { ZHILIU_TEST_CHEAP_PASSWORD_HASH: '1' },
}
const FAULT_TESTS = ['tests/server/worker-crashes.test.ts', 'tests/server/queue-workers.test.ts']

// One test run for the whole monorepo: unit tests sit beside the code, cross-app tests under tests/.
export default defineConfig({
  test: {
    globalSetup: ['tests/build-server.ts'],
    // Vitest's default is one worker per core less one: on CI's two cores, ONE file at a time, although most of a
    // file's time is spent waiting for the processes it drives (a server, Chromium, the CLI) while the second core
    // idles. Two files at once keep both cores busy; more would crowd the servers and browsers that the
    // timing-sensitive files start. (`--maxWorkers` on the command line still overrides it.)
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          // Vitest queues projects by name, so these long files (real server processes, Chromium) start first and
          // the short ones fill in around them, instead of one long file running alone at the end.
          name: 'cross-app',
          // A browser or real-process test is a dozen steps, each a round trip through a server and Chromium; on
          // CI's two loaded cores one such test passed 20 s (docs/testing.md). A test that hangs still fails.
          testTimeout: 45_000,
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...FAULT_TESTS],
        },
      },
      {
        test: {
          ...shared,
          // Fault tests of queue mode: a PostgreSQL- and Redis-backed cluster of server processes with leases of
          // 1.5–4 s, workers killed under load. One worker makes vitest run them after every other file, one at a
          // time, as the whole suite used to run: nothing else competes for the cores their leases are timed on, and
          // being busy with their own processes they would gain little from company anyway.
          name: 'fault',
          include: FAULT_TESTS,
          maxWorkers: 1,
        },
      },
      {
        test: {
          ...shared,
          // Every file in its own module graph (vitest's default isolation): run without it, warm modules run fast
          // enough to show timing races the suite never sees otherwise (docs/testing.md).
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
        },
      },
    ],
  },
})
