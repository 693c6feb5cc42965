import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionNonce } from './agentName.js';
import { openClientStore } from './clientStore.js';
import type { ClientHookStore } from './clientStore.js';
import { HOOK_ERROR_CODES, HookError } from './errors.js';
import { PROBE_WAIT_MS } from './storeProbe.js';
import { SESSION_SUMMARY_KIND } from './summary.js';
import { createHub, openAs, rawStore } from './testing/hub.js';
import { tempDir } from './testing/io.js';

const CWD = '/home/dev/projects/spaces';
const HOST = 'devbox.example.com';
const AGENT = 'claude-spaces-devbox';

async function hub(): Promise<string> {
  const home = await tempDir();
  await createHub(home);
  return home;
}

async function open(
  home: string,
  options: { cwd?: string; host?: string; env?: Record<string, string> } = {},
): Promise<ClientHookStore> {
  const store = await openClientStore({
    env: { SPACES_HOME: home, ...options.env },
    cwd: options.cwd ?? CWD,
    host: options.host ?? HOST,
  });
  return store;
}

/** Runs `work` with a store, closing it after. */
async function withStore<T>(
  home: string,
  work: (store: ClientHookStore) => Promise<T>,
  options?: Parameters<typeof open>[1],
): Promise<T> {
  const store = await open(home, options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The hook error an open or a call rejects with. */
async function failure(work: () => Promise<unknown>): Promise<HookError> {
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HookError);
  return error as HookError;
}

describe('openClientStore', () => {
  it('posts as claude-<project>-<host>, registered as a claude-code agent on its first write', async () => {
    const home = await hub();
    await withStore(home, async (store) => {
      expect(store.agent.name).toBe(AGENT);
      expect(store.channel.name).toBe('agent-logs');
      expect(await store.space.me()).toBeUndefined(); // opening writes nothing
      await store.postSessionMessage('s1', 'hello\nSession: s1');
      expect(await store.space.me()).toMatchObject({
        name: AGENT,
        kind: 'agent',
        program: 'claude-code',
        displayName: 'Claude Code: spaces on devbox',
      });
    });
  });

  it('fails with no_hub and creates nothing when there is no store', async () => {
    const home = join(await tempDir(), 'nothing-here');
    const error = await failure(() => open(home));
    expect(error.code).toBe(HOOK_ERROR_CODES.noHub);
    expect(error.message).toMatch(/no Spaces store at .*spaces\.db: run `spaces init` first/);
    expect(existsSync(home)).toBe(false);
  });

  it('fails with no_hub when the store exists but `spaces init` never ran', async () => {
    const home = await tempDir();
    const space = await openAs(home, 'someone');
    await space.close();
    const error = await failure(() => open(home));
    expect(error.code).toBe(HOOK_ERROR_CODES.noHub);
    expect(error.message).toMatch(/no #agent-logs channel .* run `spaces init` first/);
  });

  it('uses SPACES_CHANNEL_ID, as a name or an id, and says when it names no channel', async () => {
    const home = await hub();
    const general = await withStore(home, async (s) => s.space.channel('general'), {
      env: { SPACES_CHANNEL_ID: '#general' },
    });
    expect(general?.name).toBe('general');
    const byId = await withStore(home, async (s) => s.channel.name, {
      env: { SPACES_CHANNEL_ID: String(general?.id) },
    });
    expect(byId).toBe('general');
    const error = await failure(() => open(home, { env: { SPACES_CHANNEL_ID: 'nope' } }));
    expect(error).toMatchObject({ code: HOOK_ERROR_CODES.noHub });
    expect(error.message).toContain('no channel "nope" (SPACES_CHANNEL_ID)');
  });

  it('gives up with store_busy (not the client’s 10 s wait) while another connection holds the write lock', async () => {
    const home = await hub();
    const other = rawStore(home);
    other.exec('BEGIN EXCLUSIVE');
    try {
      // The probe's own short wait answers; the client, which would wait 10 s, is never reached.
      const error = await failure(() => open(home));
      expect(error.code).toBe(HOOK_ERROR_CODES.storeBusy);
      expect(error.message).toContain(`waited ${PROBE_WAIT_MS} ms`);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('fails with store_unreadable on a file that is not a database', async () => {
    const home = await tempDir();
    await writeFile(join(home, 'spaces.db'), 'this is not a database, just text '.repeat(200));
    const error = await failure(() => open(home));
    expect(error.code).toBe(HOOK_ERROR_CODES.storeUnreadable);
    expect(error.message).toMatch(/cannot be used: file is not a database/);
  });

  it('registers under a longer name when another identity holds the agent name', async () => {
    const home = await hub();
    const squatter = await openAs(home, 'squatter');
    await squatter.reducers.set_profile({ name: AGENT });
    await squatter.close();
    await withStore(home, async (store) => {
      await store.postSessionMessage('s1', 'hello');
      const me = await store.space.me();
      expect(me?.name).toBe(`${AGENT}-${store.space.identity.slice(0, 6)}`);
    });
  });
});

describe('ClientHookStore: one message per session', () => {
  it('finds the session message again, through its session file or, without one, its nonce', async () => {
    const home = await hub();
    const posted = await withStore(home, (s) => s.postSessionMessage('s1', 'v1\nSession: s1'));
    expect(await readdir(join(home, 'hooks', 'sessions'))).toEqual(['s1.json']);
    await withStore(home, async (store) => {
      expect(await store.findSessionMessage('s1')).toEqual({
        id: posted.id,
        text: 'v1\nSession: s1',
      });
      expect(await store.findSessionMessage('s2')).toBeUndefined();
      await store.editSessionMessage(posted.id, 'v2\nSession: s1');
    });
    await rm(join(home, 'hooks'), { recursive: true });
    await withStore(home, async (store) => {
      expect(await store.findSessionMessage('s1')).toEqual({
        id: posted.id,
        text: 'v2\nSession: s1',
      });
      const [message] = await store.space.messages(store.channel.id, { limit: 1 });
      expect(message).toMatchObject({ nonce: sessionNonce('s1'), text: 'v2\nSession: s1' });
      expect(JSON.parse(message?.editHistory ?? '[]')).toHaveLength(1);
    });
  });

  it('ignores a session file that names a message that is not this session’s', async () => {
    const home = await hub();
    await withStore(home, async (store) => {
      const a = await store.postSessionMessage('a', 'A');
      const b = await store.postSessionMessage('b', 'B');
      const file = join(home, 'hooks', 'sessions', 'a.json');
      await writeFile(
        file,
        JSON.stringify({ sessionId: 'a', projectDir: CWD, messageId: String(b.id) }),
      );
      expect(await store.findSessionMessage('a')).toEqual({ id: a.id, text: 'A' });
      await writeFile(file, 'not json');
      expect(await store.findSessionMessage('a')).toEqual({ id: a.id, text: 'A' });
    });
  });

  it('posts one message when two first Stops of one session race', async () => {
    const home = await hub();
    const [one, two] = [await open(home), await open(home)];
    try {
      const [a, b] = await Promise.all([
        one.postSessionMessage('s1', 'from one'),
        two.postSessionMessage('s1', 'from two'),
      ]);
      expect(a).toEqual(b);
      const texts = (await one.space.messages(one.channel.id)).filter((m) => m.kind === 'Text');
      expect(texts).toHaveLength(1);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('reads back the last summary event this agent emitted for the session', async () => {
    const home = await hub();
    await withStore(home, async (store) => {
      expect(await store.lastSessionEvent(SESSION_SUMMARY_KIND, 's1')).toBeUndefined();
      const payload = (turns: number, sessionId = 's1') => ({
        sessionId,
        project: 'spaces',
        tools: {},
        files: [],
        durationMs: 0,
        turns,
      });
      await store.emitEvent(SESSION_SUMMARY_KIND, payload(1), 'first');
      await store.emitEvent(SESSION_SUMMARY_KIND, payload(2), 'second');
      await store.emitEvent(SESSION_SUMMARY_KIND, payload(9, 's2'));
      expect(await store.lastSessionEvent(SESSION_SUMMARY_KIND, 's1')).toEqual(payload(2));
      const [line] = await store.space.messages(store.channel.id, { limit: 1 });
      expect(line).toMatchObject({ kind: 'AgentEvent', text: SESSION_SUMMARY_KIND });
    });
  });
});

describe('ClientHookStore: peer entries', () => {
  it('returns other sessions since this project’s previous session, with author names', async () => {
    const home = await hub();
    const post = (options: Parameters<typeof open>[1], session: string, text: string) =>
      withStore(
        home,
        (s) => s.postSessionMessage(session, `${text}\nSession: ${session}`),
        options,
      );
    const web = { cwd: '/srv/web', host: HOST };
    await post(web, 'w0', 'web before our last session');
    await post({}, 'old', 'our previous session');
    await post(web, 'w1', 'web after it');
    await withStore(home, (s) => s.emitEvent('task.completed@1', { task: 'x' }), web);
    await post({}, 'now', 'this very session');

    const entries = await withStore(home, (s) =>
      s.recentPeerEntries({ excludeSessionId: 'now', project: 'spaces', limit: 20 }),
    );
    expect(entries.map((e) => [e.author, e.sessionId, e.text.split('\n')[0]])).toEqual([
      ['claude-web-devbox', 'w1', 'web after it'],
      [AGENT, 'old', 'our previous session'],
    ]);
    expect(entries[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // A project that never had a session here gets the last `limit` entries.
    const fresh = await withStore(
      home,
      (s) => s.recentPeerEntries({ excludeSessionId: 'new', project: 'docs', limit: 3 }),
      { cwd: '/srv/docs' },
    );
    expect(fresh.map((e) => e.sessionId)).toEqual(['now', 'w1', 'old']);
  });

  it('counts an entry edited after the cut-off as recent', async () => {
    const home = await hub();
    const web = { cwd: '/srv/web', host: HOST };
    const early = await withStore(home, (s) => s.postSessionMessage('w', 'web v1'), web);
    await withStore(home, (s) => s.postSessionMessage('old', 'ours'));
    await withStore(home, (s) => s.editSessionMessage(early.id, 'web v2'), web);
    const entries = await withStore(home, (s) =>
      s.recentPeerEntries({ excludeSessionId: 'now', project: 'spaces', limit: 20 }),
    );
    expect(entries.map((e) => e.text)).toEqual(['web v2', 'ours']);
  });
});
