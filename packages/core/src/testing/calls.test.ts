import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIdentity } from '../identity.js';
import { reducers } from '../reducers/index.js';
import { callsArb } from './calls.js';

describe('callsArb', () => {
  it('starts with init and carries strictly increasing timestamps and valid senders', () => {
    fc.assert(
      fc.property(callsArb({ prelude: false }), (calls) => {
        expect(calls[0]!.reducer).toBe('init');
        for (const [i, call] of calls.entries()) {
          expect(isIdentity(call.sender)).toBe(true);
          if (i > 0) expect(call.timestamp).toBeGreaterThan(calls[i - 1]!.timestamp);
        }
      }),
    );
  });

  it('reaches all 35 reducers', () => {
    const seen = new Set<string>();
    for (const calls of fc.sample(callsArb(), { numRuns: 200, seed: 7 }))
      for (const c of calls) seen.add(c.reducer);
    expect([...seen].sort()).toEqual(Object.keys(reducers).sort());
  });
});
