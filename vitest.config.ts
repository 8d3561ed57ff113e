import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Most files wait on child processes (servers, browsers, the CLI): one more file at a time than a
    // two-core machine has cores keeps both busy (the suite took 9.2 min with two, 5.8 min with three).
    maxWorkers: 3,
  },
});
