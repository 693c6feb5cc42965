import type { ArgsDecl, ArgsOf } from './args.js';
import { requireStanding } from './reducers/guards.js';
import type { ReducerContext, Tx } from './tx.js';

/** SpacetimeDB lifecycle hooks a reducer may stand for. */
export type Lifecycle = 'init' | 'client_connected' | 'client_disconnected';

/** A reducer: its argument schema and its one body, run unchanged by every engine. */
export interface ReducerDef<A extends ArgsDecl = ArgsDecl> {
  /** Canonical snake_case name. */
  readonly name: string;
  readonly doc: string;
  readonly args: A;
  readonly lifecycle?: Lifecycle;
  /** Reads and writes through `tx`; throws a SpacesError to reject (engines roll back). */
  run(tx: Tx, ctx: ReducerContext, args: ArgsOf<A>): void;
}

/**
 * Declares a reducer, keeping the literal argument types. The body runs behind the sanction
 * check (`SANCTIONS`), so no reducer can forget it and every engine applies it. Lifecycle
 * reducers are the engine's, never a client's, so no sanction applies to them.
 */
export function reducer<const A extends ArgsDecl>(def: ReducerDef<A>): ReducerDef<A> {
  const body = def.run;
  if (def.lifecycle) return def;
  return {
    ...def,
    run(tx, ctx, args) {
      requireStanding(tx, ctx, def.name);
      body(tx, ctx, args);
    },
  };
}
