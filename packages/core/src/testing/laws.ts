import type { Call, RowChange } from '../engine/call.js';
import type { MemoryState } from '../engine/memory.js';
import { applyCall, emptyState } from '../engine/memory.js';
import type { SpacesError } from '../errors.js';
import { invariants } from './invariants.js';
import type { Snapshot } from './snapshot.js';
import { snapshotOf } from './snapshot.js';

/** What the laws need of an engine: a fresh state, one call at a time, and its rows. */
export interface LawEngine<S> {
  readonly name: string;
  empty(): S;
  apply(
    state: S,
    call: Call,
  ): { ok: boolean; state: S; changes?: readonly RowChange[]; error?: SpacesError };
  snapshot(state: S): Snapshot;
}

/** Core's pure in-memory engine, as a {@link LawEngine}. */
export const memoryEngine: LawEngine<MemoryState> = {
  name: 'memory',
  empty: emptyState,
  apply: applyCall,
  snapshot: snapshotOf,
};

/** A stable text form of rows and changes (bigints kept apart from numbers), for comparing. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v === undefined ? null : v,
  );
}

/** A law: undefined when it holds for these calls, else what went wrong. */
export type Law = <S>(engine: LawEngine<S>, calls: readonly Call[]) => string | undefined;

function run<S>(engine: LawEngine<S>, calls: readonly Call[]) {
  let state = engine.empty();
  const outcomes: string[] = [];
  for (const call of calls) {
    const result = engine.apply(state, call);
    state = result.state;
    outcomes.push(result.ok ? canonical(result.changes ?? []) : `! ${result.error?.code ?? '?'}`);
  }
  return { state, outcomes };
}

/** Same calls, same state and same changes, call by call. */
export const determinism: Law = (engine, calls) => {
  const a = run(engine, calls);
  const b = run(engine, calls);
  const i = a.outcomes.findIndex((o, k) => o !== b.outcomes[k]);
  if (i >= 0) return `call ${i} (${calls[i]!.reducer}) gave different results on a second run`;
  if (canonical(engine.snapshot(a.state)) !== canonical(engine.snapshot(b.state))) {
    return 'two runs of the same calls ended in different tables';
  }
  return undefined;
};

/** A refused call leaves every table as it was. */
export const atomicity: Law = (engine, calls) => {
  let state = engine.empty();
  for (const [i, call] of calls.entries()) {
    const before = canonical(engine.snapshot(state));
    const result = engine.apply(state, call);
    if (!result.ok && canonical(engine.snapshot(result.state)) !== before) {
      return `refused call ${i} (${call.reducer}: ${result.error?.code}) changed the tables`;
    }
    state = result.state;
  }
  return undefined;
};

/** Replaying only the accepted calls is accepted throughout and rebuilds the same tables. */
export const replayOfAccepted: Law = (engine, calls) => {
  let state = engine.empty();
  const accepted: Call[] = [];
  for (const call of calls) {
    const result = engine.apply(state, call);
    if (result.ok) accepted.push(call);
    state = result.state;
  }
  let again = engine.empty();
  for (const [i, call] of accepted.entries()) {
    const result = engine.apply(again, call);
    if (!result.ok)
      return `accepted call ${i} (${call.reducer}) was refused on replay: ${result.error?.code}`;
    again = result.state;
  }
  return canonical(engine.snapshot(again)) === canonical(engine.snapshot(state))
    ? undefined
    : 'replaying the accepted calls rebuilt different tables';
};

/** After every call, every invariant of {@link invariants} holds. */
export const invariantsHold: Law = (engine, calls) => {
  let state = engine.empty();
  for (const [i, call] of calls.entries()) {
    state = engine.apply(state, call).state;
    const broken = invariants(engine.snapshot(state));
    if (broken.length > 0) return `after call ${i} (${call.reducer}): ${broken.join('; ')}`;
  }
  return undefined;
};

/** The laws every engine keeps, by the sentence that states them. */
export const LAWS: Readonly<Record<string, Law>> = {
  'the same calls give the same tables and changes (determinism)': determinism,
  'a refused call changes nothing (atomicity)': atomicity,
  'replaying the accepted calls reproduces the tables': replayOfAccepted,
  'every invariant holds after every call': invariantsHold,
};
