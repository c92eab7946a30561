import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['playground-engine/src/**/*.test.ts', 'src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    testTimeout: 20000,
  },
});
