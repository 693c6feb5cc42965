import fc from 'fast-check';
import { SECOND, parseError } from '@spaces/core';
import { INVITE_CODES, PEOPLE, callsArb, preludeCalls } from '@spaces/core/testing';
import { describe, expect, it } from 'vitest';
import type { Outcome } from './crossEngine.js';
import { runInMemory, runInModule, tableDifference } from './crossEngine.js';
import { hostRows } from './moduleBundle.js';

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
        const difference = tableDifference(module.host, memory.state, calls);
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

  it('draw invite codes differently, so the module’s come from ctx.random and still work', async () => {
    const prelude = preludeCalls();
    const last = prelude.at(-1)!.timestamp;
    const drawn = [1n, 2n].map((k) => ({
      reducer: 'create_invite',
      args: { role: 'Member' },
      sender: PEOPLE.admin,
      timestamp: last + k * SECOND,
    }));
    const { host, outcomes } = await runInModule([...prelude, ...drawn]);
    expect(outcomes.every((o) => o === 'ok')).toBe(true);
    const codes = hostRows(host, 'invites')
      .map((row) => row['code'] as string)
      .filter((code) => !(INVITE_CODES as readonly string[]).includes(code));
    expect(codes).toHaveLength(2);
    for (const code of codes) expect(code).toMatch(/^[abcdefghjkmnpqrstuvwxyz23456789]{10}$/);
    expect(codes[0]).not.toBe(codes[1]);
    const redeem = host.call(
      'redeem_invite',
      { code: codes[0] },
      {
        sender: PEOPLE.stranger,
        timestamp: last + 3n * SECOND,
      },
    );
    // The stranger has no profile yet: rejected by core's rule, with core's code.
    expect(redeem.ok ? 'ok' : parseError(redeem.error).code).toBe('not_registered');
    host.call(
      'set_profile',
      { name: 'newcomer' },
      { sender: PEOPLE.stranger, timestamp: last + 4n * SECOND },
    );
    expect(
      host.call(
        'redeem_invite',
        { code: codes[0] },
        { sender: PEOPLE.stranger, timestamp: last + 5n * SECOND },
      ).ok,
    ).toBe(true);
  });
});
