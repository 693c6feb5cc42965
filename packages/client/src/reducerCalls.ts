import type { ReducerArgs, ReducerName } from '@spaces/core';
import { reducers } from '@spaces/core';
import type { CallReceipt, ReducerCalls } from './api.js';

/** One typed function per core reducer, each forwarding to `call`. */
export function reducerCalls(
  call: <K extends ReducerName>(reducer: K, args: ReducerArgs[K]) => Promise<CallReceipt>,
): ReducerCalls {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(reducers) as ReducerName[]) {
    out[name] = (args: ReducerArgs[typeof name]) => call(name, args ?? {});
  }
  return out as ReducerCalls;
}
