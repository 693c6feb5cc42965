import { describe, expect, it } from 'vitest';
// The core's declaration is the source of truth for which columns are timestamps; read it
// directly (a test-only dependency) so a new timestamp column cannot be printed as a number.
import { tables } from '../../core/src/schema/tables.js';
import { isTimestampColumn, isoOfMicros, stringify, toJson } from './json.js';

describe('json', () => {
  it('recognises exactly the timestamp columns the core declares', () => {
    for (const table of Object.values(tables)) {
      for (const [name, column] of Object.entries(
        table.columns as Record<string, { type: string }>,
      )) {
        expect([table.name, name, isTimestampColumn(name)]).toEqual([
          table.name,
          name,
          column.type === 'timestamp',
        ]);
      }
    }
  });

  it('prints ids as numbers, times as ISO-8601, and drops undefined fields', () => {
    const row = { id: 7n, sentAt: 1_735_689_600_000_000n, editedAt: undefined, text: 'hi' };
    expect(toJson(row)).toEqual({ id: 7, sentAt: '2025-01-01T00:00:00.000Z', text: 'hi' });
  });

  it('keeps ids beyond 2^53 exact, as strings', () => {
    expect(toJson({ id: 2n ** 60n })).toEqual({ id: '1152921504606846976' });
  });

  it('stringifies nested bigints without throwing', () => {
    expect(stringify([{ a: { b: 1n } }], false)).toBe('[{"a":{"b":1}}]');
    expect(isoOfMicros(0n)).toBe('1970-01-01T00:00:00.000Z');
  });
});
