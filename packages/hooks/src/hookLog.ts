import { appendFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HubHome } from './hubHome.js';

/** Above this size the log is rotated once, so a hook failing every turn cannot fill a disk. */
export const LOG_ROTATE_BYTES = 1_000_000;

/** `hooks.log` in the Spaces home, beside the store. */
export function hookLogPath(place: HubHome): string {
  return join(place.home, 'hooks.log');
}

/**
 * Appends a line to `hooks.log`, only when there is a hub (see `HubHome.hub`): with no hub the
 * hooks leave no file behind, and their diagnostics go to stderr alone. Best effort: failing to
 * log never becomes a failure of the hook.
 */
export async function appendHookLog(place: HubHome, line: string): Promise<void> {
  if (!place.hub) return;
  const path = hookLogPath(place);
  try {
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size > LOG_ROTATE_BYTES) await rename(path, `${path}.1`);
    await appendFile(path, line.endsWith('\n') ? line : `${line}\n`, { mode: 0o600 });
  } catch {
    // Logging is best effort.
  }
}
