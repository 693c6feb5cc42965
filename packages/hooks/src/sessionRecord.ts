import { join } from 'node:path';
import { sessionFileName } from './agentName.js';
import { readJson, writeFileAtomic } from './atomicFile.js';

/** What the hooks remember of a session, in `<home>/hooks/sessions/<id>.json`. */
export interface SessionRecord {
  sessionId: string;
  /** The project's root as the session's first turn saw it: the session's agent and project. */
  projectDir: string;
  /** Its summary message, once posted (a decimal string: ids are 64-bit). */
  messageId?: string;
  channelId?: string;
}

const pathOf = (dir: string, sessionId: string): string =>
  join(dir, `${sessionFileName(sessionId)}.json`);

/** The record of a session, if a readable one exists. */
export async function readSessionRecord(
  dir: string,
  sessionId: string,
): Promise<SessionRecord | undefined> {
  const saved = (await readJson(pathOf(dir, sessionId))) as Partial<SessionRecord> | undefined;
  if (saved?.sessionId !== sessionId || typeof saved.projectDir !== 'string') return undefined;
  const id = (v: unknown) => (typeof v === 'string' && /^\d{1,19}$/.test(v) ? v : undefined);
  const messageId = id(saved.messageId);
  const channelId = id(saved.channelId);
  return {
    sessionId,
    projectDir: saved.projectDir,
    ...(messageId === undefined ? {} : { messageId }),
    ...(channelId === undefined ? {} : { channelId }),
  };
}

/** Saves a session's record (atomically); best effort, as everything in it can be found again. */
export async function writeSessionRecord(dir: string, record: SessionRecord): Promise<void> {
  try {
    await writeFileAtomic(pathOf(dir, record.sessionId), JSON.stringify(record) + '\n');
  } catch {
    // A missing record costs a scan of the channel next time; the project is then the
    // transcript's first directory, which is where the record's came from.
  }
}
