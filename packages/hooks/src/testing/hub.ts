import { createRequire } from 'node:module';
import { join } from 'node:path';
import { addProfile, openSpace } from '@spaces/client';
import { SESSION_SUMMARY_KIND } from '../summary.js';
import type { Space } from '@spaces/client';

/**
 * Creates an embedded store under `home` the way a person would with `spaces init`: an owner
 * profile, the hub (#general, #agent-logs, #system), and the owner's user name. Test-only.
 */
export async function createHub(home: string, owner = 'owner'): Promise<void> {
  addProfile(home, owner);
  const space = await openSpace({ home, as: owner });
  try {
    await space.createHub({ name: owner });
  } finally {
    await space.close();
  }
}

/** Opens the store under `home` as `as` (created if missing), for reading what the hooks did. */
export async function openAs(home: string, as: string): Promise<Space> {
  try {
    addProfile(home, as);
  } catch {
    // it exists already
  }
  return openSpace({ home, as });
}

/** A raw SQLite connection, as another process might hold one: for locking the store. */
export interface RawDb {
  exec(sql: string): unknown;
  close(): unknown;
}

/** Opens the store file directly with better-sqlite3 (the client's copy). */
export function rawStore(home: string): RawDb {
  const client = createRequire(import.meta.url).resolve('@spaces/client');
  const Database = createRequire(client)('better-sqlite3') as new (path: string) => RawDb;
  return new Database(join(home, 'spaces.db'));
}

/**
 * What the hooks left in #agent-logs, oldest first, read as the hub's owner: every message, the
 * Text ones (summaries), the `session.summary@1` events, and the users. Test-only.
 */
export async function agentLogs(
  home: string,
  open: () => Promise<Space> = () => openAs(home, 'owner'),
) {
  const space = await open();
  try {
    const channel = await space.channel('agent-logs');
    const messages = (await space.messages(channel!.id, { limit: 100 })).reverse();
    const events = await space.events({ channelId: channel!.id, kind: SESSION_SUMMARY_KIND });
    const users = await space.rows('users');
    const texts = messages.filter((m) => m.kind === 'Text');
    return { messages, texts, events: events.reverse(), users };
  } finally {
    await space.close();
  }
}
