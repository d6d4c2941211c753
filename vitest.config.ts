import { defineConfig } from 'vitest/config';

/** The fast unit suite: `npm test`. Slow training checks live in vitest.slow.config.ts. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.slow.test.ts', 'test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
