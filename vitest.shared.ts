import { defineConfig } from 'vitest/config';

/** Tests read every workspace package from its sources (the `source` export condition). */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
