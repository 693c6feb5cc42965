import fc from 'fast-check';
import { callsArb } from '@spaces/core/testing';
import { describe, expect, it } from 'vitest';
import type { Outcome } from './crossEngine.js';
import { runInMemory, runInModule, tableDifference } from './crossEngine.js';

const RUNS = Number(process.env['FC_RUNS'] ?? 100);
let comparedCalls = 0;
let rejectedCalls = 0;

describe('the module in the host and core’s in-memory engine', () => {
  it('end with the same tables and reject the same calls with the same codes', async () => {
    await fc.assert(
      fc.asyncProperty(callsArb(), async (calls) => {
        const memory = runInMemory(calls);
        const module = await runInModule(calls);
        const i = module.outcomes.findIndex((o: Outcome, k) => o !== memory.outcomes[k]);
        if (i >= 0) {
          const call = calls[i]!;
          throw new Error(
            `call ${i} (${call.reducer} ${JSON.stringify(call.args, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}): module ${module.outcomes[i]}, memory ${memory.outcomes[i]}`,
          );
        }
        const difference = tableDifference(module.host, memory.state);
        if (difference) throw new Error(difference);
        comparedCalls += calls.length;
        rejectedCalls += memory.outcomes.filter((o) => o !== 'ok').length;
      }),
      {
        numRuns: RUNS,
        ...(process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {}),
      },
    );
    // The comparison means something only if the sequences both commit and reject a lot.
    expect(comparedCalls).toBeGreaterThan(RUNS * 14);
    expect(rejectedCalls).toBeGreaterThan(RUNS);
    console.info(`compared ${RUNS} sequences, ${comparedCalls} calls (${rejectedCalls} rejected)`);
  });
});
