/**
 * The visibility law on the SpacetimeDB engine: after random call sequences run through the
 * module, what each client's subscription to a table holds — the module's row-level-security
 * filters and views, evaluated by the test server as SpacetimeDB does — is exactly what core's
 * VISIBILITY allows that reader in the same calls run by core's in-memory engine.
 */
import fc from 'fast-check';
import type { ColumnType, TableName } from '@spaces/core';
import { canSee, memoryReadTx, primaryKeyOf, rowsOf, tables, visibleColumns } from '@spaces/core';
import { POOL, PEOPLE, callsArb, canonical, personOf } from '@spaces/core/testing';
import { Database } from '@spaces/spacetime-test-server';
import { Identity } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { runInMemory, runInModule } from './crossEngine.js';

const RUNS = Number(process.env['FC_RUNS'] ?? 15);

/** A value in core's representation (hex identity, bigint micros), decoded or already core's. */
function toCore(type: ColumnType, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') return value; // already core's (hex, bigint)
  const v = value as Record<string, unknown>;
  if (type === 'identity') {
    return typeof v['toHexString'] === 'function'
      ? (value as Identity).toHexString()
      : new Identity(v['__identity__'] as bigint).toHexString();
  }
  if (type === 'timestamp') {
    return (v['microsSinceUnixEpoch'] ?? v['__timestamp_micros_since_unix_epoch__']) as bigint;
  }
  return value;
}

/** Rows as compared: core's columns that the rows carry, in name order, sorted by primary key. */
function normal(table: TableName, rows: readonly Record<string, unknown>[]): string {
  const columns = Object.entries(tables[table].columns) as [string, { type: ColumnType }][];
  const pk = primaryKeyOf(tables[table]);
  const out = rows
    .map((row) =>
      Object.fromEntries(
        columns
          .filter(([name]) => name in row)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, col]) => [name, toCore(col.type, row[name])]),
      ),
    )
    .sort((a, b) => ((a[pk] as bigint) < (b[pk] as bigint) ? -1 : 1));
  return canonical(out);
}

describe('what each client holds is what VISIBILITY allows (SpacetimeDB module, test server)', () => {
  it('subscriptions to every table, view and message seq, for every reader but the database owner', async () => {
    await fc.assert(
      fc.asyncProperty(callsArb(), async (calls) => {
        const { host } = await runInModule(calls);
        const { state } = runInMemory(calls);
        const db = Database.attach(host, {
          name: 'spaces',
          owner: Identity.fromString(PEOPLE.owner),
        });
        const tx = memoryReadTx(state);
        const violations: string[] = [];
        // The publisher owns the database and bypasses row-level security, as in SpacetimeDB.
        for (const reader of POOL.filter((r) => r !== PEOPLE.owner)) {
          const who = Identity.fromString(reader);
          for (const table of Object.keys(tables) as TableName[]) {
            const allowed = rowsOf(state, table)
              .filter((row) => canSee(tx, reader, table, row))
              .map((row) => visibleColumns(table, row) as Record<string, unknown>);
            const source = tables[table].public ? table : `visible_${table}`;
            const held = db.queryAs(who, `SELECT * FROM ${source}`);
            const [got, want] = [normal(table, held), normal(table, allowed)];
            if (got !== want) {
              violations.push(`${personOf(reader)} ${source}: module ${got}, VISIBILITY ${want}`);
            }
          }
          // A message's commit seq goes with the message: none of a private channel's leaks.
          const seqs = db
            .queryAs(who, 'SELECT * FROM message_seq')
            .map((r) => r['messageId'] as bigint)
            .sort((a, b) => (a < b ? -1 : 1));
          const messages = rowsOf(state, 'messages')
            .filter((m) => canSee(tx, reader, 'messages', m))
            .map((m) => m.id);
          if (canonical(seqs) !== canonical(messages)) {
            violations.push(
              `${personOf(reader)} message_seq: ${canonical(seqs)} vs ${canonical(messages)}`,
            );
          }
        }
        expect(violations).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
