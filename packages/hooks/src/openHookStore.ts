import type { HookStore } from './hookStore.js';
import type { CommonHookInput } from './input.js';

/**
 * Opens the {@link HookStore} the executables use: the client store of this machine and the
 * session's project (see `clientStore.ts`). The client is loaded only here, once stdin has been
 * parsed: it is most of a hook's running time, and bad input should not pay for it.
 */
export async function openHookStore(
  env: Readonly<Record<string, string | undefined>>,
  input: CommonHookInput,
): Promise<HookStore> {
  const { openClientStore } = await import('./clientStore.js');
  return openClientStore({ env, cwd: input.cwd });
}
