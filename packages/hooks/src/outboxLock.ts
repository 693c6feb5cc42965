import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A lock older than this is stale whatever its pid says (the pid may have been reused). */
export const STALE_LOCK_MS = 10 * 60_000;

/** A held lock; release it when done. */
export interface OutboxLock {
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function isStale(path: string, now: number): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    if (now - info.mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(text.trim());
    if (!Number.isInteger(pid) || pid <= 0) return now - info.mtimeMs > 10_000;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // ESRCH: its holder is gone. ENOENT: released meanwhile, try again.
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ESRCH' || code === 'ENOENT';
  }
}

/**
 * Takes the outbox's lock (`<dir>/.lock`, created exclusively, holding our pid), waiting while
 * a live sender holds it, until `deadline` (epoch ms). One sender at a time posts, so a session's
 * summaries reach the store in the order they were written. A lock whose holder died is taken
 * over. Undefined if the deadline passed first.
 */
export async function lockOutbox(dir: string, deadline: number): Promise<OutboxLock | undefined> {
  const path = join(dir, '.lock');
  for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => unlink(path).catch(() => undefined) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
    if (await isStale(path, Date.now())) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() + wait > deadline) return undefined;
    await sleep(wait);
  }
}
