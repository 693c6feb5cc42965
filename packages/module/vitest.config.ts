import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** Module tests load `dist/bundle.js`; the global setup builds it once, as `pnpm build` does. */
export default mergeConfig(
  shared,
  defineConfig({ test: { globalSetup: ['./test/buildBundle.ts'], testTimeout: 120_000 } }),
);
