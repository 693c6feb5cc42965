import type { Call, RowChange } from '../engine/call.js';
import type { CallResult, MemoryState } from '../engine/memory.js';
import { applyCall, emptyState, rowsOf } from '../engine/memory.js';
import type { SpacesError } from '../errors.js';
import { formatError } from '../errors.js';
import type { ReducerArgs, ReducerName } from '../reducers/index.js';
import type { Rows, TableName } from '../schema/tables.js';
import { SECOND } from '../time.js';
import type { Person } from './identities.js';
import { PEOPLE, T0, personOf } from './identities.js';
import { preludeCalls } from './calls.js';

/** Arguments as a reducer declares them, or anything at all for calls meant to be refused. */
type ArgsFor<R extends ReducerName> = ReducerArgs[R] | Record<string, unknown>;

/**
 * A hub in memory for example tests: each call is one second after the last, every result is
 * kept, and `ok`/`fails` throw a readable Error when a call is not accepted or refused as meant.
 */
export class TestHub {
  state: MemoryState;
  now: bigint;
  readonly log: Array<{ call: Call; result: CallResult }> = [];

  constructor(state: MemoryState = emptyState(), now: bigint = T0) {
    this.state = state;
    this.now = now;
  }

  /** A hub made by {@link preludeCalls}: Owner, Admin, Moderator, Member, two agents, three channels. */
  static seeded(): TestHub {
    const hub = new TestHub();
    for (const call of preludeCalls(T0)) hub.apply(call);
    hub.now = preludeCalls(T0).at(-1)!.timestamp;
    return hub;
  }

  /** Runs a call as `who` (a pool name or an identity), one second after the previous one. */
  call<R extends ReducerName>(who: Person | string, reducer: R, args: ArgsFor<R> = {}): CallResult {
    this.now += SECOND;
    const sender = who in PEOPLE ? PEOPLE[who as Person] : who;
    return this.apply({ reducer, args, sender, timestamp: this.now });
  }

  /** Applies a prepared call and keeps its result. */
  apply(call: Call): CallResult {
    const result = applyCall(this.state, call);
    this.log.push({ call, result });
    this.state = result.state;
    return result;
  }

  /** Runs a call that must be accepted; returns its row changes. */
  ok<R extends ReducerName>(who: Person | string, reducer: R, args: ArgsFor<R> = {}): RowChange[] {
    const result = this.call(who, reducer, args);
    if (!result.ok) {
      const by = personOf(this.log.at(-1)!.call.sender);
      throw new Error(`${reducer} by ${by} was refused: ${formatError(result.error)}`);
    }
    return result.changes;
  }

  /** Runs a call that must be refused; checks the state is the very same object; returns the error. */
  fails<R extends ReducerName>(
    who: Person | string,
    reducer: R,
    args: ArgsFor<R> = {},
  ): SpacesError {
    const before = this.state;
    const result = this.call(who, reducer, args);
    if (result.ok) throw new Error(`${reducer} was accepted, but should have been refused`);
    if (result.state !== before) throw new Error(`refused ${reducer} changed the state`);
    return result.error;
  }

  /** Every row of a table, in primary-key order. */
  rows<K extends TableName>(table: K): Rows[K][] {
    return rowsOf(this.state, table);
  }

  /** The last row of a table by primary key (the newest, for auto-increment ids). */
  last<K extends TableName>(table: K): Rows[K] {
    const rows = this.rows(table);
    const row = rows.at(-1);
    if (!row) throw new Error(`${table} is empty`);
    return row;
  }

  /** The channel with this name. */
  channel(name: string): Rows['channels'] {
    const found = this.rows('channels').find((c) => c.name === name);
    if (!found) throw new Error(`no channel #${name}`);
    return found;
  }

  /** The role of a pool member or identity. */
  roleOf(who: Person | string): string | undefined {
    const identity = who in PEOPLE ? PEOPLE[who as Person] : who;
    return this.rows('roles').find((r) => r.identity === identity)?.role;
  }
}
