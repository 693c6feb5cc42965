import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Call, RowChange, TableName } from '@spaces/core';
import { SpacesError, applyCall, emptyState, primaryKeyOf, rowsOf, tables } from '@spaces/core';
import { callsArb, canonical } from '@spaces/core/testing';
import { fromSqlOf } from '../sqlite/rows.js';
import { TABLE_NAMES, q } from '../sqlite/schema.js';
import { encodeChanges } from './codec.js';
import { EmbeddedEngine } from './engine.js';
import { GroupCommitter } from './groupCommit.js';
import { openStore, storePath } from './store.js';
import { replayStore, verifyStore } from './verify.js';

const RUNS = Number(process.env['FC_RUNS'] ?? 30);

/** `ok <changes>` (rows in declaration order) or `! <code>`: what a caller learns of a call. */
function outcomeOf(
  result: { ok: true; changes: readonly RowChange[] } | { ok: false; error: unknown },
) {
  if (result.ok) return `ok ${encodeChanges(result.changes)}`;
  if (result.error instanceof SpacesError) return `! ${result.error.code}`;
  throw result.error as Error;
}

/** Every table as core's rows, declared columns only, in key order. */
function tablesOf(rows: (table: TableName) => Record<string, unknown>[]): string {
  const out: Record<string, unknown> = {};
  for (const table of TABLE_NAMES) {
    const columns = Object.keys(tables[table].columns);
    out[table] = rows(table).map((row) => columns.map((c) => row[c]));
  }
  return canonical(out);
}

/**
 * Runs calls through the embedded engine with group commit: the calls of each group are
 * submitted in one turn, so they share a transaction, as concurrent callers' calls do. Groups
 * alternate between two connections to one store file, as between two processes.
 */
async function runGrouped(calls: readonly Call[], sizes: readonly number[]) {
  const home = mkdtempSync(join(tmpdir(), 'spaces-laws-'));
  const writers = [0, 1].map(() => {
    const db = openStore(storePath(home));
    const engine = new EmbeddedEngine(db);
    return { db, engine, committer: new GroupCommitter(engine, () => {}) };
  });
  const outcomes: string[] = [];
  for (let at = 0, g = 0; at < calls.length; g++) {
    const group = calls.slice(at, at + sizes[g % sizes.length]!);
    at += group.length;
    const { committer } = writers[g % 2]!;
    const settled = await Promise.allSettled(group.map((call) => committer.submit(call)));
    for (const s of settled) {
      outcomes.push(
        outcomeOf(
          s.status === 'fulfilled' ? { ok: true, ...s.value } : { ok: false, error: s.reason },
        ),
      );
    }
  }
  const db = writers[0]!.db;
  const rows = (table: TableName) =>
    db
      .prepare(`SELECT * FROM ${q(table)} ORDER BY ${q(primaryKeyOf(tables[table]))}`)
      .safeIntegers(true)
      .all()
      .map((raw) => fromSqlOf(tables[table])(raw as Record<string, unknown>));
  const close = () => {
    for (const w of writers) {
      w.engine.close();
      w.db.close();
    }
    rmSync(home, { recursive: true, force: true });
  };
  return { db, outcomes, rows, close };
}

function runInMemory(calls: readonly Call[]) {
  let state = emptyState();
  const outcomes: string[] = [];
  for (const call of calls) {
    const result = applyCall(state, call);
    outcomes.push(outcomeOf(result));
    state = result.state;
  }
  return { outcomes, tables: tablesOf((t) => rowsOf(state, t) as Record<string, unknown>[]) };
}

describe('laws over random call sequences, embedded engine with group commit on two connections', () => {
  it('each call in a group gets the outcome it gets alone, in order, and the tables agree (determinism, atomicity)', async () => {
    let refused = 0;
    let grouped = 0;
    await fc.assert(
      fc.asyncProperty(
        callsArb(),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        async (calls, sizes) => {
          const memory = runInMemory(calls);
          const embedded = await runGrouped(calls, sizes);
          try {
            const i = embedded.outcomes.findIndex((o, k) => o !== memory.outcomes[k]);
            if (i >= 0) {
              throw new Error(
                `call ${i} (${calls[i]!.reducer}): grouped ${embedded.outcomes[i]}, alone ${memory.outcomes[i]}`,
              );
            }
            expect(tablesOf(embedded.rows)).toBe(memory.tables);
            refused += memory.outcomes.filter((o) => o.startsWith('!')).length;
            grouped += sizes.some((s) => s > 1) ? 1 : 0;
          } finally {
            embedded.close();
          }
        },
      ),
      {
        numRuns: RUNS,
        ...(process.env['FC_SEED'] ? { seed: Number(process.env['FC_SEED']) } : {}),
      },
    );
    // The law means something only if groups really held refused calls beside accepted ones.
    expect(refused).toBeGreaterThan(RUNS);
    expect(grouped).toBeGreaterThan(RUNS / 2);
  }, 120_000);

  it('replaying the log of a grouped run reproduces every table and every call’s changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        callsArb({ maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        async (calls, sizes) => {
          const embedded = await runGrouped(calls, sizes);
          try {
            expect(verifyStore(embedded.db)).toMatchObject({ ok: true, differences: {} });
            const before = tablesOf(embedded.rows);
            replayStore(embedded.db);
            expect(tablesOf(embedded.rows)).toBe(before);
          } finally {
            embedded.close();
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 120_000);
});
