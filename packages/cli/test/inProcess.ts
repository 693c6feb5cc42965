import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { tables } from '../../core/src/schema/tables.js';
import { main } from '../src/main.js';
import type { Run } from './cli.js';

/**
 * Runs `spaces <args>` inside the test process (the same `main` the executable runs), capturing
 * what it writes: fast enough to drive hundreds of generated command lines.
 */
export async function run(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The roles of a test hub, each a profile of that name. */
export const ROLES = ['owner', 'admin', 'moderator', 'member', 'agent'] as const;
export type RoleName = (typeof ROLES)[number];

/** A hub in a fresh home with one profile per role, run in-process. */
export async function inProcessHub(): Promise<{
  home: string;
  as: (role: RoleName, ...args: string[]) => Promise<Run>;
  /** Every row, the log's length and the profile files: what a refused command must leave alone. */
  dump: () => string;
}> {
  const home = join(mkdtempSync(join(tmpdir(), 'spaces-fuzz-')), 'home');
  const must = async (args: string[]) => {
    const r = await run(['--home', home, ...args]);
    if (r.code !== 0) throw new Error(`spaces ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  };
  await must(['init', '--name', 'owner']);
  for (const name of ['admin', 'moderator', 'member']) await must(['profiles', 'add', name]);
  await must(['profiles', 'add', 'agent', '--agent']);
  await must(['--as', 'owner', 'roles', 'set', 'admin', 'admin']);
  await must(['--as', 'owner', 'roles', 'set', 'moderator', 'moderator']);
  await must(['--as', 'member', 'messages', 'send', '--channel', 'general', '--text', 'hello']);
  await must(['--as', 'member', 'topics', 'create', '--channel', 'general', '--title', 'plan']);
  return {
    home,
    as: (role, ...args) => run(['--home', home, '--as', role, ...args]),
    dump() {
      const db = new Database(join(home, 'spaces.db'), { readonly: true });
      try {
        const rows = Object.keys(tables).map((t) => db.prepare(`SELECT * FROM "${t}"`).all());
        const log = db.prepare('SELECT count(*) AS n FROM log').get();
        const profiles = readdirSync(join(home, 'profiles')).sort();
        return JSON.stringify({ rows, log, profiles }, (_k, v: unknown) =>
          typeof v === 'bigint' ? v.toString() : v,
        );
      } finally {
        db.close();
      }
    },
  };
}
