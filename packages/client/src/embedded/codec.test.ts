import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArgsDecl } from '@spaces/core';
import { encodeChanges as coreEncodeChanges, reducers } from '@spaces/core';
import { anyChangeArb, columnArb } from '@spaces/core/testing';
import { encodeArgs, encodeChanges } from './codec.js';

describe('the log codec', () => {
  it("writes exactly what core's changes form is, with its generated row encoders, hostile texts included", () => {
    fc.assert(
      fc.property(fc.array(anyChangeArb, { maxLength: 4 }), (changes) => {
        expect(encodeChanges(changes)).toBe(coreEncodeChanges(changes));
      }),
    );
  });

  it('writes arguments as JSON.stringify does, bigints as strings, absent ones left out', () => {
    const decls = Object.values(reducers).map((r) => (r as { args: ArgsDecl }).args);
    for (const decl of decls) {
      const model = Object.fromEntries(
        Object.entries(decl).map(([name, arg]) => [name, columnArb(arg)]),
      );
      fc.assert(
        fc.property(fc.record(model), (args) => {
          const plain = Object.fromEntries(
            Object.keys(decl)
              .filter((name) => args[name] !== undefined)
              .map((name) => {
                const v = args[name];
                return [name, typeof v === 'bigint' ? v.toString() : v];
              }),
          );
          expect(encodeArgs(decl, args)).toBe(JSON.stringify(plain));
        }),
        { numRuns: 20 },
      );
    }
  });
});
