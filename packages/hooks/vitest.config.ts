import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** The executable tests spawn Node on the built package: build it first (see test/globalSetup.ts). */
export default mergeConfig(
  shared,
  defineConfig({ test: { globalSetup: ['test/globalSetup.ts'], testTimeout: 180_000 } }),
);
