import fc from 'fast-check';

// Pins property runs for a reproduction: FC_SEED=<seed> [FC_PATH=<path>] pnpm test.
// fast-check prints both on any failure; FC_RUNS scales the number of runs for a longer soak.
const seed = process.env['FC_SEED'];
const path = process.env['FC_PATH'];
const runs = process.env['FC_RUNS'];
fc.configureGlobal({
  ...(seed === undefined ? {} : { seed: Number(seed) }),
  ...(path === undefined ? {} : { path }),
  ...(runs === undefined ? {} : { numRuns: Number(runs) }),
});
if (seed !== undefined) console.log(`fast-check seed pinned by FC_SEED: ${seed}`);
