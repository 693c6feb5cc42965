import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentName } from './agentName.js';
import { Outbox } from './outbox.js';
import type { WorkerMessage } from './protocol.js';
import { readSessionRecord } from './sessionRecord.js';
import { fixture, fixturePath, stdinFixture } from './testing/fixtures.js';
import { agentLogs, createHub, rawStore } from './testing/hub.js';
import { tempDir } from './testing/io.js';
import { outboxEntry } from './testing/outboxEntry.js';
import { SHOP_DB_PASSWORD, SHOP_STRIPE_KEY, shopSession } from './testing/sessions.js';
import { writeSession } from './testing/transcriptBuilder.js';
import { runWorker } from './worker.js';
import type { WorkerContext } from './workerContext.js';

const HOST = 'devbox';

/** A worker context over `home`, collecting what the worker tells the hook process. */
function context(home: string, env: Record<string, string> = {}) {
  const messages: WorkerMessage[] = [];
  const ctx: WorkerContext = {
    env: { SPACES_HOME: home, ...env },
    cwd: '/tmp',
    host: HOST,
    emit: (m) => messages.push(m),
    now: Date.now,
    lifetimeMs: 60_000,
  };
  const diagnostics = () =>
    messages.flatMap((m) => (m.type === 'diagnostic' ? [`${m.code} ${m.message}`] : []));
  const output = () => messages.flatMap((m) => (m.type === 'output' ? [m.text] : []));
  return { ctx, messages, diagnostics, output };
}

/** The Stop input of the shop session, its transcript written under `dir`. */
async function shopStop(dir: string, cwd?: string): Promise<string> {
  const session = shopSession();
  const transcript = await writeSession(dir, session.sessionId, session.main, session.subagents);
  return JSON.stringify({
    session_id: session.sessionId,
    transcript_path: transcript,
    cwd: cwd ?? `${session.cwd}/src`,
    hook_event_name: 'Stop',
    stop_hook_active: false,
    last_assistant_message: session.lastReply,
  });
}

describe('runWorker: Stop', () => {
  it('writes the summary to the outbox, posts it, and leaves the outbox empty', async () => {
    const home = await tempDir();
    await createHub(home);
    const { ctx, messages, diagnostics } = context(home);
    await runWorker('stop', await shopStop(await tempDir()), ctx);
    expect(diagnostics()).toEqual([]);
    expect(messages.at(-1)).toEqual({ type: 'done' });
    const { texts, events, users } = await agentLogs(home);
    expect(texts).toHaveLength(1);
    expect(texts[0]?.text).toContain('Subagents (2: Explore, general-purpose)');
    expect(texts[0]?.text).toContain('Duration: active 6m 14s over 2h 6m, 4 turns');
    for (const secret of [SHOP_DB_PASSWORD, SHOP_STRIPE_KEY]) {
      expect(texts.map((m) => `${m.text}\n${m.editHistory}`).join('\n')).not.toContain(secret);
      expect(JSON.stringify(events.map((e) => e.payload))).not.toContain(secret);
    }
    // The agent is the session's first project's, though this Stop came from its subfolder.
    const author = users.find((u) => u.identity === texts[0]?.sender);
    expect(author?.name).toBe(agentName('shop', HOST));
    expect(await readdir(join(home, 'hooks', 'outbox'))).toEqual([]);
    const record = await readSessionRecord(
      join(home, 'hooks', 'sessions'),
      shopSession().sessionId,
    );
    expect(record?.projectDir).toBe('/home/dev/projects/shop');
  });

  it('keeps one message and one agent when later turns come from a subfolder', async () => {
    const home = await tempDir();
    await createHub(home);
    const dir = await tempDir();
    await runWorker('stop', await shopStop(dir, '/home/dev/projects/shop'), context(home).ctx);
    await runWorker(
      'stop',
      await shopStop(dir, '/home/dev/projects/shop/src/cart'),
      context(home).ctx,
    );
    const { texts, users } = await agentLogs(home);
    expect(texts).toHaveLength(1);
    expect(users.filter((u) => u.kind === 'agent').map((u) => u.name)).toEqual([
      agentName('shop', HOST),
    ]);
  });

  it('posts what earlier runs left in the outbox, including a dead sender’s claim', async () => {
    const home = await tempDir();
    await createHub(home);
    const outbox = new Outbox(join(home, 'hooks', 'outbox'));
    await runWorker('stop', await shopStop(await tempDir()), context(home).ctx); // makes the folders
    const left = (sessionId: string, text: string) =>
      outboxEntry(sessionId, `${text}\nSession: ${sessionId}`, '/home/dev/projects/web');
    await outbox.put(left('left-1', 'waiting'));
    // A sender that died mid-post: its claim names a pid that cannot be alive.
    await writeFile(
      join(outbox.dir, 'left-2.json.sending-999999999'),
      JSON.stringify(left('left-2', 'claimed by the dead')),
    );
    await runWorker('stop', await shopStop(await tempDir()), context(home).ctx);
    const { texts } = await agentLogs(home);
    expect(texts.map((m) => m.text.split('\n')[0]).sort()).toEqual([
      'Session summary: shop (/home/dev/projects/shop) on feat/cart',
      'claimed by the dead',
      'waiting',
    ]);
    expect(await readdir(outbox.dir)).toEqual([]);
  });

  it('waits out a store locked for 3 s and posts the summary', async () => {
    const home = await tempDir();
    await createHub(home);
    const other = rawStore(home);
    other.exec('BEGIN EXCLUSIVE');
    let locked = true;
    const release = () => {
      if (!locked) return;
      locked = false;
      other.exec('ROLLBACK');
      other.close();
    };
    const unlock = setTimeout(release, 3000);
    try {
      const { ctx, diagnostics } = context(home);
      await runWorker('stop', await shopStop(await tempDir()), ctx);
      expect(diagnostics()).toEqual([]);
      expect(locked).toBe(false); // it did wait for the lock to go
    } finally {
      clearTimeout(unlock);
      release();
    }
    expect((await agentLogs(home)).texts).toHaveLength(1);
  });

  it('summarises from the Stop input when the transcript is missing, and says so', async () => {
    const home = await tempDir();
    await createHub(home);
    const { ctx, diagnostics } = context(home);
    await runWorker('stop', stdinFixture('stop-turn2.json', '/nowhere/t.jsonl'), ctx);
    expect(diagnostics()).toEqual([
      expect.stringMatching(/^hooks\.note transcript not found at "\/nowhere\/t\.jsonl"/),
    ]);
    expect(await readFile(join(home, 'hooks.log'), 'utf8')).toContain(
      ' hooks.note transcript not found',
    );
    expect((await agentLogs(home)).texts[0]?.text).toContain('Done: Done. Tests pass.');
  });

  it('reports bad stdin, logging it only where there is a hub', async () => {
    const home = await tempDir();
    await createHub(home);
    const withHub = context(home);
    await runWorker('stop', fixture('stdin-not-json.txt'), withHub.ctx);
    expect(withHub.diagnostics()).toEqual([
      expect.stringMatching(/^hooks\.bad_json hook input is not JSON/),
    ]);
    expect(await readFile(join(home, 'hooks.log'), 'utf8')).toMatch(
      / spaces-session-hook hooks\.bad_json /,
    );
    expect((await agentLogs(home)).texts).toHaveLength(0);
  });
});

describe('runWorker: no hub, no files', () => {
  const stop = () => stdinFixture('stop-turn1.json', fixturePath('transcript-turn1.jsonl'));

  it.each([
    ['a folder that does not exist', async () => join(await tempDir(), 'never', 'made')],
    ['a folder with no store', async () => tempDir()],
    ['/proc/no-such-dir', async () => '/proc/no-such-dir'],
    ['/proc/self', async () => '/proc/self'],
  ])('%s: says to run `spaces init`, and creates nothing', async (_name, makeHome) => {
    const home = await makeHome();
    const before = existsSync(home) ? await readdir(home) : undefined;
    for (const [kind, stdin] of [
      ['stop', stop()],
      ['session-start', fixture('session-start.json')],
      ['stop', fixture('stdin-not-json.txt')],
    ] as const) {
      const { ctx, diagnostics, messages } = context(home);
      await runWorker(kind, stdin, ctx);
      expect(diagnostics()).toEqual([expect.stringMatching(/^hooks\.(no_hub|bad_json) /)]);
      expect(messages.at(-1)).toEqual({ type: 'done' });
    }
    expect(existsSync(home) ? await readdir(home) : undefined).toEqual(before);
  });
});

describe('runWorker: SessionStart', () => {
  it("sends the peers' context, then posts what Stops left in the outbox", async () => {
    const home = await tempDir();
    await createHub(home);
    await runWorker('stop', await shopStop(await tempDir()), context(home).ctx);
    const outbox = new Outbox(join(home, 'hooks', 'outbox'));
    // A Stop of another project whose sender never ran: only its outbox entry exists.
    await outbox.put(outboxEntry('left-1', 'web work\nSession: left-1', '/home/dev/projects/web'));
    const { ctx, messages, output } = context(home);
    const start = JSON.parse(fixture('session-start.json')) as Record<string, unknown>;
    await runWorker(
      'session-start',
      JSON.stringify({ ...start, cwd: '/home/dev/projects/api' }),
      ctx,
    );
    const context_ = JSON.parse(output()[0] ?? '{}') as {
      hookSpecificOutput: { additionalContext: string };
    };
    expect(context_.hookSpecificOutput.additionalContext).toContain('> Session summary: shop');
    expect(context_.hookSpecificOutput.additionalContext).not.toContain(SHOP_STRIPE_KEY);
    // The output came before the leftovers were posted: the hook need not wait for them.
    expect(messages.findIndex((m) => m.type === 'output')).toBeLessThan(
      messages.findIndex((m) => m.type === 'done'),
    );
    expect((await agentLogs(home)).texts.map((m) => m.text)).toContain('web work\nSession: left-1');
    expect(await readdir(outbox.dir)).toEqual([]);
  });
});
