import { HOOK_ERROR_CODES, HookError } from './errors.js';
import type { HookStore } from './hookStore.js';

/**
 * Opens the {@link HookStore} the executables use, over `@spaces/client`.
 * Not wired yet (the client API is still being built), so every run fails here, quietly:
 * the runner logs it and exits 0.
 */
export async function openHookStore(
  _env: Readonly<Record<string, string | undefined>>,
): Promise<HookStore> {
  throw new HookError(
    HOOK_ERROR_CODES.notWired,
    'the Spaces client is not wired into the hooks yet; nothing was posted',
  );
}
