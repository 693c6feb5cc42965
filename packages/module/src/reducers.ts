import type { ArgsDecl, ReducerContext, ReducerDef, RowChange } from '@spaces/core';
import { SpacesError, formatError, parseArgs, recording } from '@spaces/core';
import { objectFromSpacetime, paramsOf as mappedParams } from '@spaces/spacetime';
import type { Random, TypeBuilder } from 'spacetimedb/server';
import { SenderError } from 'spacetimedb/server';
import { recordCommit } from './commits.js';
import { builders } from './tables.js';
import { spacetimeTx } from './tx.js';

/** What the adapter reads of SpacetimeDB's reducer context. */
export interface SpacetimeReducerCtx {
  readonly sender: { toHexString(): string };
  readonly timestamp: { readonly microsSinceUnixEpoch: bigint };
  readonly random: Random;
  readonly db: object;
}

/** A reducer's SpacetimeDB parameters, derived from its core argument declaration. */
export function paramsOf(args: ArgsDecl): Record<string, TypeBuilder<unknown, never>> {
  return mappedParams(builders, args);
}

/**
 * The SpacetimeDB body of a core reducer: convert and check the arguments, give core the
 * caller, the time and SpacetimeDB's seeded randomness, run the one implementation against
 * `ctx.db` (recording its row changes), number the commit (see commits.ts), and turn a
 * rejection into a `SenderError` carrying `code: message` (clients read it back with core's
 * `parseError`). Throwing makes SpacetimeDB roll the whole call back.
 */
export function reducerBody(def: ReducerDef) {
  return (ctx: SpacetimeReducerCtx, raw: Readonly<Record<string, unknown>> = {}): void => {
    try {
      const args = parseArgs(def.args, objectFromSpacetime(def.args, raw));
      const context: ReducerContext = {
        sender: ctx.sender.toHexString(),
        timestamp: ctx.timestamp.microsSinceUnixEpoch,
        random: () => ctx.random(),
      };
      const changes: RowChange[] = [];
      def.run(recording(spacetimeTx(ctx.db), changes), context, args as never);
      recordCommit(ctx.db, {
        reducer: def.name,
        sender: ctx.sender,
        timestamp: ctx.timestamp,
        changes,
      });
    } catch (error) {
      if (error instanceof SpacesError) throw new SenderError(formatError(error));
      throw error;
    }
  };
}

/** The part of `schema(...)` that registers reducers, typed loosely: params come from data. */
export interface ReducerRegistry<E> {
  reducer(params: Record<string, TypeBuilder<unknown, never>>, fn: never): E;
  init(fn: never): E;
  clientConnected(fn: never): E;
  clientDisconnected(fn: never): E;
}

/** Registers a core reducer with the schema: lifecycle reducers as SpacetimeDB's hooks. */
export function exportReducer<E>(registry: ReducerRegistry<E>, def: ReducerDef): E {
  const body = reducerBody(def) as never;
  switch (def.lifecycle) {
    case 'init':
      return registry.init(body);
    case 'client_connected':
      return registry.clientConnected(body);
    case 'client_disconnected':
      return registry.clientDisconnected(body);
    default:
      return registry.reducer(paramsOf(def.args), body);
  }
}
