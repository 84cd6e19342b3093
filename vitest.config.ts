import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      // Route and CLI tests against real databases: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
      { test: { name: 'integration', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      // Browser tests in Debian's Chromium; one file at a time keeps two cores from thrashing.
      { test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
