import type { ArgsDecl, ReducerContext, ReducerDef } from '@spaces/core';
import { SpacesError, formatError, parseArgs } from '@spaces/core';
import type { Random, TypeBuilder } from 'spacetimedb/server';
import { SenderError, t } from 'spacetimedb/server';
import { typeBuilderOf } from './tables.js';
import { spacetimeTx } from './tx.js';
import { objectFromSpacetime } from './values.js';

/** What the adapter reads of SpacetimeDB's reducer context. */
export interface SpacetimeReducerCtx {
  readonly sender: { toHexString(): string };
  readonly timestamp: { readonly microsSinceUnixEpoch: bigint };
  readonly random: Random;
  readonly db: object;
}

/** A reducer's SpacetimeDB parameters, derived from its core argument declaration. */
export function paramsOf(args: ArgsDecl): Record<string, TypeBuilder<unknown, never>> {
  const params: Record<string, TypeBuilder<unknown, never>> = {};
  for (const [name, arg] of Object.entries(args)) {
    const base = typeBuilderOf(arg.type);
    params[name] = arg.optional ? (t.option(base) as unknown as TypeBuilder<unknown, never>) : base;
  }
  return params;
}

/**
 * The SpacetimeDB body of a core reducer: convert and check the arguments, give core the
 * caller, the time and SpacetimeDB's seeded randomness, run the one implementation against
 * `ctx.db`, and turn a rejection into a `SenderError` carrying `code: message` (clients read it
 * back with core's `parseError`). Throwing makes SpacetimeDB roll the whole call back.
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
      def.run(spacetimeTx(ctx.db), context, args as never);
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
