import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests of the browser playground: `npm run test:e2e` builds the page, then
 * drives Debian's headless Chromium against it. Separate from the unit suite because it
 * needs /usr/bin/chromium and takes tens of seconds.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    // One browser at a time: the CI machine has two slow cores.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
