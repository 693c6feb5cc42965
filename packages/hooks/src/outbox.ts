import { readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { sessionFileName } from './agentName.js';
import { readJson, writeFileAtomic } from './atomicFile.js';
import type { SessionSummaryPayload } from './summary.js';

/** A session's summary waiting to be posted: everything needed to post it, nothing to recompute. */
export interface OutboxEntry {
  sessionId: string;
  /** The project's root, fixed at the session's first turn: it names the agent that posts. */
  projectDir: string;
  /** The machine whose agent posts. */
  host: string;
  text: string;
  payload: SessionSummaryPayload;
  /** When the hook wrote it (ISO): a later entry of the same session replaces an earlier one. */
  writtenAt: string;
}

/** An entry taken out of the outbox by one sender, so that no other sender posts it too. */
export interface Claim {
  entry: OutboxEntry;
  /** Where the claimed file now lives. */
  path: string;
}

const ENTRY = /^(.+)\.json$/;
const CLAIMED = /^(.+)\.json\.sending-(\d+)$/;

function isEntry(value: unknown): value is OutboxEntry {
  const e = value as Partial<OutboxEntry> | undefined;
  return (
    typeof e?.sessionId === 'string' &&
    typeof e.projectDir === 'string' &&
    typeof e.host === 'string' &&
    typeof e.text === 'string' &&
    typeof e.payload === 'object' &&
    e.payload !== null &&
    typeof e.writtenAt === 'string'
  );
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as someone else's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The hooks' outbox, `<home>/hooks/outbox`: one file per session holding its latest summary.
 * The Stop hook writes the summary here first (atomically) and posts it after; what is not posted
 * stays for the next sender. Summaries are cumulative, so a newer entry of a session simply
 * replaces an older one that was never posted. Senders take entries out by renaming them
 * (`<id>.json.sending-<pid>`), which only one of them can do.
 */
export class Outbox {
  constructor(readonly dir: string) {}

  private pathOf(sessionId: string): string {
    return join(this.dir, `${sessionFileName(sessionId)}.json`);
  }

  /** Writes a session's summary, replacing the one waiting, if any. */
  put(entry: OutboxEntry): Promise<void> {
    return writeFileAtomic(this.pathOf(entry.sessionId), JSON.stringify(entry) + '\n');
  }

  /** The summary waiting for a session, if any. */
  async get(sessionId: string): Promise<OutboxEntry | undefined> {
    const value = await readJson(this.pathOf(sessionId));
    return isEntry(value) ? value : undefined;
  }

  /** Whether anything is waiting. */
  async pending(): Promise<boolean> {
    return (await this.names()).some((n) => ENTRY.test(n) || CLAIMED.test(n));
  }

  private async names(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).sort();
    } catch {
      return [];
    }
  }

  /**
   * Takes every waiting entry for this process to post. An entry a dead sender had claimed is
   * taken over, unless a newer one of its session is waiting, which supersedes it.
   */
  async claimAll(): Promise<Claim[]> {
    const names = await this.names();
    const waiting = new Set(
      names.flatMap((n) => (CLAIMED.test(n) ? [] : (ENTRY.exec(n)?.[1] ?? []))),
    );
    const claims: Claim[] = [];
    for (const name of names) {
      const from = join(this.dir, name);
      const orphan = CLAIMED.exec(name);
      if (orphan) {
        if (alive(Number(orphan[2])) && Number(orphan[2]) !== process.pid) continue;
        if (waiting.has(orphan[1] as string)) {
          await unlink(from).catch(() => undefined);
          continue;
        }
      } else if (!ENTRY.test(name)) continue;
      const base = orphan ? (orphan[1] as string) : (ENTRY.exec(name)?.[1] as string);
      const path = join(this.dir, `${base}.json.sending-${process.pid}`);
      try {
        if (from !== path) await rename(from, path);
      } catch {
        continue; // another sender took it first
      }
      const entry = await readJson(path);
      if (isEntry(entry)) claims.push({ entry, path });
      else await unlink(path).catch(() => undefined); // unreadable: nothing to post
    }
    return claims;
  }

  /** The claimed entry was posted: forget it. */
  async done(claim: Claim): Promise<void> {
    await unlink(claim.path).catch(() => undefined);
  }

  /**
   * The claimed entry could not be posted now: put it back for the next sender, unless a newer
   * summary of the session arrived meanwhile, which replaces it.
   */
  async release(claim: Claim): Promise<void> {
    const target = this.pathOf(claim.entry.sessionId);
    const newer = await stat(target).then(
      () => true,
      () => false,
    );
    if (newer) await unlink(claim.path).catch(() => undefined);
    else await rename(claim.path, target).catch(() => undefined);
  }
}
