import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Go builds are CPU-bound; running test files one at a time keeps the 2-core machines responsive.
    fileParallelism: false,
  },
});
