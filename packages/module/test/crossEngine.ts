import type { Call, ColumnType, ReducerName, TableName } from '@spaces/core';
import { parseError, reducers, replay, rowsOf, tables } from '@spaces/core';
import type { MemoryState } from '@spaces/core';
import { canonical } from '@spaces/core/testing';
import type { CallResult, TestHost } from '@spaces/spacetime-test-server';
import { hostRows, loadSpaces, toWire } from './moduleBundle.js';

/** What one engine made of one call: accepted, or rejected with a core error code. */
export type Outcome = 'ok' | `! ${string}`;

/** Calls a client may not make in SpacetimeDB: `init` runs once, at publish. */
const PUBLISH_ONLY = new Set(['init']);

function outcomeOf(result: CallResult): Outcome {
  if (result.ok) return 'ok';
  if (!result.senderError)
    throw new Error(`the module crashed instead of rejecting: ${result.error}`);
  return `! ${parseError(result.error).code}`;
}

/** Converts a call's core arguments to what a SpacetimeDB client sends (`Identity`, `Timestamp`). */
function wireArgs(reducer: ReducerName, args: unknown): Record<string, unknown> {
  const decl = reducers[reducer].args as Record<string, { type: ColumnType }>;
  const input = (args ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(input).map(([name, value]) => [
      name,
      toWire(decl[name]?.type ?? 'string', value),
    ]),
  );
}

/**
 * Runs calls through the module in the host, as SpacetimeDB would: the first `init` as the
 * publish, later `init`s refused (a client cannot call it), `client_connected` and
 * `client_disconnected` as connections opening and closing, everything else as reducer calls.
 */
export async function runInModule(
  calls: readonly Call[],
): Promise<{ host: TestHost; outcomes: Outcome[] }> {
  const host = await loadSpaces();
  const outcomes: Outcome[] = [];
  let published = false;
  for (const call of calls) {
    const at = { sender: call.sender, timestamp: call.timestamp };
    if (PUBLISH_ONLY.has(call.reducer)) {
      outcomes.push(published ? '! already_initialized' : outcomeOf(host.init(at)));
      published = true;
    } else if (call.reducer === 'client_connected') {
      outcomes.push(outcomeOf(host.connect(call.sender, call.timestamp)));
    } else if (call.reducer === 'client_disconnected') {
      outcomes.push(outcomeOf(host.disconnect(call.sender, call.timestamp)));
    } else {
      const args = wireArgs(call.reducer as ReducerName, call.args);
      outcomes.push(outcomeOf(host.call(call.reducer, args, at)));
    }
  }
  return { host, outcomes };
}

/** Runs calls through core's in-memory engine. */
export function runInMemory(calls: readonly Call[]): { state: MemoryState; outcomes: Outcome[] } {
  const { state, results } = replay(calls);
  return {
    state,
    outcomes: results.map((r): Outcome => (r.ok ? 'ok' : `! ${r.error.code}`)),
  };
}

/** The first difference between the module's and core's tables, or undefined when equal. */
export function tableDifference(host: TestHost, state: MemoryState): string | undefined {
  for (const table of Object.keys(tables) as TableName[]) {
    const inModule = hostRows(host, table);
    // Same values in core's column order: object key order is not part of a row.
    const columns = Object.keys(tables[table].columns);
    const inMemory = (rowsOf(state, table) as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(columns.map((c) => [c, row[c]])),
    );
    const a = canonical(inModule);
    const b = canonical(inMemory);
    if (a !== b) return `table ${table} differs:\n  module: ${a}\n  memory: ${b}`;
  }
  return undefined;
}
