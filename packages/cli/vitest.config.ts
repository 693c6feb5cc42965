import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The end-to-end tests spawn the built CLI, so build it first when it is stale.
export default mergeConfig(
  shared,
  defineConfig({
    test: { globalSetup: ['test/globalSetup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
  }),
);
