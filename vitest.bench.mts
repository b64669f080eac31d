import { defineConfig } from 'vitest/config';

// Benchmarks run through vitest only so that core's Vite-isms (import.meta.glob of migrations)
// work unchanged; nothing is asserted, figures are printed and written to results/.
export default defineConfig({
  test: {
    include: ['tests/bench/run.bench-main.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    silent: false,
  },
});
