import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** Loading a bundle compiles it with rolldown and esbuild: slow on a loaded machine, not hung. */
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000 } }));
