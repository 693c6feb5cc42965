import { defineConfig } from 'vitest/config';

/**
 * Tests read every workspace package from its sources (the `source` export condition). Property
 * tests do real work and CI runs every package's suite at once on two cores, so the per-test
 * timeout is generous: it catches hangs, not slowness (the benchmarks measure speed).
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 },
});
