import { defineConfig } from 'vitest/config';

/** Slow training checks (real learning on the paper's tasks): `npm run test:slow`, run by CI. */
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    pool: 'forks',
    setupFiles: ['test/setup.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
