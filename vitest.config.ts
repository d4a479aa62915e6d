import { defineConfig } from 'vitest/config'

// One test run for the whole monorepo: unit tests sit beside the code, cross-app tests under tests/.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/build-server.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
