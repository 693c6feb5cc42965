import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openSpace, type Space } from '@spaces/client';
import {
  buildModuleBundle,
  spawnTestServer,
  type ServerProcess,
} from '@spaces/spacetime-test-server';
import { afterAll, describe, expect, it } from 'vitest';
import { agentName } from '../src/agentName.js';
import {
  PLANTED_KEY,
  PLANTED_PASSWORD,
  fixture,
  fixturePath,
  stdinFixture,
} from '../src/testing/fixtures.js';
import { agentLogs, createHub, openAs, rawStore } from '../src/testing/hub.js';
import { tempDir } from '../src/testing/io.js';
import { SECRET_SHAPES } from '../src/testing/secretCorpus.js';
import { shopSession } from '../src/testing/sessions.js';
import { writeSession } from '../src/testing/transcriptBuilder.js';

// These tests run the built executables as Claude Code does: `node dist/bin/<hook>.js` with the
// hook input piped to stdin, in a fresh process each time, against a store in a temp folder.
// They assert outcomes (exit 0, what reached the store, what was printed), never how long a run
// took: speed is measured by `pnpm bench`. Every wait below is a limit far beyond what a run
// needs, there to fail a hung test rather than to time a working one.

const BIN = {
  stop: join(import.meta.dirname, '..', 'dist', 'bin', 'spaces-session-hook.js'),
  start: join(import.meta.dirname, '..', 'dist', 'bin', 'spaces-context-hook.js'),
};
const SESSION = '5d8f3c2a-1b7e-4c9a-9f61-2e4b8a7c0d13';
const HOST = hostname();
/** A budget the functional tests give the hooks, so a loaded machine cannot defer their work. */
const ROOMY = 9000;
/** Far beyond any run: a hook still running then has hung. */
const HUNG_MS = 60_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a hook executable with `stdin`, the store in `home` and nothing of ours from the test's
 * own environment. `budget` sets SPACES_HOOK_BUDGET_MS; unset, the hook's default applies.
 */
function run(
  hook: keyof typeof BIN,
  stdin: string,
  home: string,
  extra: { budget?: number; env?: Record<string, string> } = {},
): Run {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(SPACES_|SPACETIMEDB_|CLAUDE_PROJECT_DIR$)/.test(k),
    ),
  );
  const result = spawnSync(process.execPath, [BIN[hook]], {
    input: stdin,
    encoding: 'utf8',
    cwd: tmpdir(), // not `home`, which may not exist
    timeout: HUNG_MS,
    env: {
      ...env,
      SPACES_HOME: home,
      ...(extra.budget === undefined ? {} : { SPACES_HOOK_BUDGET_MS: String(extra.budget) }),
      ...extra.env,
    },
  });
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** The Stop input of a session in a project, with its transcript. */
function stop(
  turn: 'stop-turn1.json' | 'stop-turn2.json',
  transcript: string,
  session = SESSION,
  cwd = '/home/dev/projects/spaces',
): string {
  const input = JSON.parse(stdinFixture(turn, transcript)) as Record<string, unknown>;
  return JSON.stringify({ ...input, session_id: session, cwd });
}

function start(session: string, source = 'startup', cwd = '/home/dev/projects/spaces'): string {
  const input = JSON.parse(fixture('session-start.json')) as Record<string, unknown>;
  return JSON.stringify({ ...input, session_id: session, source, cwd });
}

const TURN1 = fixturePath('transcript-turn1.jsonl');
const FULL = fixturePath('transcript.jsonl');

/** Waits until `check` passes, trying every 100 ms, failing after {@link HUNG_MS}. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 100) {
    if (waited > HUNG_MS) throw new Error('never happened');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Exit 0 of its own accord (not killed by the test's limit), nothing on stdout. */
function expectQuietSuccess(result: Run): void {
  expect(result.signal).toBeNull();
  expect(result.code).toBe(0);
  expect(result.stdout).toBe('');
}

type Engine = 'embedded' | 'spacetimedb';
const ENGINES: readonly Engine[] = ['embedded', 'spacetimedb'];
const MODULE = fileURLToPath(new URL('../../module', import.meta.url));

/**
 * A hub the hooks post to. Embedded: a store folder (their SPACES_HOME). SpacetimeDB: a test
 * server in its own process (`run` blocks this one while a hook talks to it), a SPACES_HOME for
 * the hooks' log, outbox and session files, and one identity per project (SPACETIMEDB_TOKEN).
 */
interface Hub {
  readonly engine: Engine;
  readonly home: string;
  /** The environment a hook of this project runs with. */
  env(project: string): Record<string, string>;
  /** The hub's owner, as a program would open it. */
  owner(): Promise<Space>;
  /** What the hooks left in #agent-logs, read as the hub's owner. */
  logs(): ReturnType<typeof agentLogs>;
}

const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** The module bundled once (as `spacetime build` would), then published fresh for each hub. */
let bundle: Promise<string> | undefined;
function moduleBundle(): Promise<string> {
  bundle ??= (async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'spaces-module-')), 'bundle.js');
    await writeFile(path, await buildModuleBundle(MODULE));
    return path;
  })();
  return bundle;
}

/**
 * A hub with an agent per project. On SpacetimeDB a hook acts as its token's identity, which
 * the server registers (as a person named user-…) when it first connects, and the hooks keep a
 * registered user as it is: so each project's identity is registered as that project's agent
 * first, as a person would with `spaces profile set --name … --agent` before installing them.
 */
async function newHub(engine: Engine, projects: string[] = ['spaces']): Promise<Hub> {
  const home = await tempDir();
  if (engine === 'embedded') {
    await createHub(home);
    const owner = () => openAs(home, 'owner');
    return { engine, home, env: () => ({}), owner, logs: () => agentLogs(home, owner) };
  }
  const server = await spawnTestServer({ module: await moduleBundle() });
  servers.push(server);
  const target = { host: server.url, database: 'spaces' };
  const tokens = new Map<string, string>();
  for (const project of projects) {
    const res = await fetch(`${server.url}/v1/identity`, { method: 'POST' });
    const token = ((await res.json()) as { token: string }).token;
    tokens.set(project, token);
    const space = await openSpace({ ...target, token });
    await space.reducers.set_profile({
      name: agentName(project, HOST),
      kind: 'agent',
      program: 'claude-code',
    });
    await space.close();
  }
  const owner = (): Promise<Space> => openSpace({ ...target, token: server.owner.token });
  return {
    engine,
    home,
    env: (project) => ({
      SPACETIMEDB_HOST: server.url,
      SPACETIMEDB_DATABASE: 'spaces',
      SPACETIMEDB_TOKEN: tokens.get(project)!,
    }),
    owner,
    logs: () => agentLogs(home, owner),
  };
}

/** Runs a hook against a hub, as the agent of `project`. */
function runOn(
  hub: Hub,
  hook: keyof typeof BIN,
  stdin: string,
  extra: { budget?: number; env?: Record<string, string> } = {},
  project = 'spaces',
): Run {
  return run(hook, stdin, hub.home, { ...extra, env: { ...hub.env(project), ...extra.env } });
}

/** The pid of a worker the Stop hook left running, from its diagnostic. */
const leftPid = (stderr: string): number | undefined => {
  const pid = /\(pid (\d+)\)/.exec(stderr)?.[1];
  return pid === undefined ? undefined : Number(pid);
};

describe.each(ENGINES)('spaces-session-hook (Stop, %s)', (engine) => {
  it('keeps one message per session: posted, then edited, with the right tools and files and no secret', async () => {
    const hub = await newHub(engine);
    for (const turn of [stop('stop-turn1.json', TURN1), stop('stop-turn2.json', FULL)]) {
      const result = runOn(hub, 'stop', turn, { budget: ROOMY });
      expectQuietSuccess(result);
      expect(result.stderr).toBe('');
    }

    const { messages, events, users } = await hub.logs();
    const summaries = messages.filter((m) => m.kind === 'Text');
    expect(summaries).toHaveLength(1);
    const summary = summaries[0]!;
    expect(JSON.parse(summary.editHistory)).toHaveLength(1);
    expect(summary.text).toContain(
      'Session summary: spaces (/home/dev/projects/spaces) on feat/hooks',
    );
    expect(summary.text).toContain('Tools: Write ×3, Bash ×2, Edit ×2');
    expect(summary.text).toContain('Subagents (1): Edit ×1 (1 call)');
    expect(summary.text).toContain(
      'Files edited (5): src/config.ts, src/server.ts, src/config.test.ts, notebooks/explore.ipynb, /tmp/scratch/plan.txt',
    );
    expect(summary.text).toContain('Duration: 12m 34s, 4 turns');
    expect(summary.text.endsWith(`\nSession: ${SESSION}`)).toBe(true);

    const author = users.find((u) => u.identity === summary.sender);
    expect(author).toMatchObject({
      name: agentName('spaces', HOST),
      kind: 'agent',
      program: 'claude-code',
    });

    // Two events: the first turn, and the second, which used new tools on new files.
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([
      expect.objectContaining({ sessionId: SESSION, turns: 2, fileCount: 2 }),
      expect.objectContaining({
        sessionId: SESSION,
        turns: 4,
        fileCount: 5,
        tools: { Write: 3, Bash: 2, Edit: 2, Grep: 1, MultiEdit: 1, NotebookEdit: 1, Read: 1 },
      }),
    ]);

    // Nothing secret anywhere the hook wrote: the text, its edit history, the events.
    const written = messages.map((m) => `${m.text}\n${m.editHistory}`).join('\n');
    const payloads = events.map((e) => e.payload).join('\n');
    for (const secret of [PLANTED_KEY, PLANTED_PASSWORD]) {
      expect(written).not.toContain(secret);
      expect(payloads).not.toContain(secret);
    }
  });

  it('lets no secret of the corpus through, from the last reply', async () => {
    const hub = await newHub(engine);
    const input = JSON.parse(stop('stop-turn2.json', FULL)) as Record<string, unknown>;
    // In batches that fit the summary's "Done" part, so that every shape is posted, not cut off.
    const batches: string[][] = [[]];
    for (const shape of SECRET_SHAPES) {
      const batch = batches.at(-1)!;
      if ([...batch, shape.text].join('\n\n').length > 1200) batches.push([shape.text]);
      else batch.push(shape.text);
    }
    for (const [i, batch] of batches.entries()) {
      const reply = { session_id: `corpus-${i}`, last_assistant_message: batch.join('\n\n') };
      const result = runOn(hub, 'stop', JSON.stringify({ ...input, ...reply }), { budget: ROOMY });
      expectQuietSuccess(result);
    }
    const { texts, events } = await hub.logs();
    expect(texts).toHaveLength(batches.length);
    const written = texts.map((m) => m.text).join('\n') + events.map((e) => e.payload).join('\n');
    expect(written).not.toContain('…\nTools:'); // no batch was shortened
    for (const shape of SECRET_SHAPES) expect(written).not.toContain(shape.secret);
  });

  it('leaves the message and the log alone on a turn that changed nothing', async () => {
    const hub = await newHub(engine);
    for (let i = 0; i < 3; i++) {
      expectQuietSuccess(runOn(hub, 'stop', stop('stop-turn2.json', FULL), { budget: ROOMY }));
    }
    const { messages, events } = await hub.logs();
    expect(messages.filter((m) => m.kind === 'Text')).toHaveLength(1);
    expect(JSON.parse(messages[0]!.editHistory)).toHaveLength(0);
    expect(events).toHaveLength(1);
  });

  it('stays one message from one agent when the session moves into a subfolder, with or without CLAUDE_PROJECT_DIR', async () => {
    const hub = await newHub(engine, ['shop']);
    const session = shopSession();
    const transcript = await writeSession(
      await tempDir(),
      session.sessionId,
      session.main,
      session.subagents,
    );
    const turn = (cwd: string) =>
      JSON.stringify({
        session_id: session.sessionId,
        transcript_path: transcript,
        cwd,
        hook_event_name: 'Stop',
        stop_hook_active: false,
      });
    expectQuietSuccess(runOn(hub, 'stop', turn(session.cwd), { budget: ROOMY }, 'shop'));
    expectQuietSuccess(runOn(hub, 'stop', turn(`${session.cwd}/src`), { budget: ROOMY }, 'shop'));
    const env = { budget: ROOMY, env: { CLAUDE_PROJECT_DIR: session.cwd } };
    expectQuietSuccess(runOn(hub, 'stop', turn(`${session.cwd}/src/cart`), env, 'shop'));
    const { messages, users } = await hub.logs();
    const summaries = messages.filter((m) => m.kind === 'Text');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.text).toMatch(/^Session summary: shop \(\/home\/dev\/projects\/shop\)/);
    expect(summaries[0]?.text).toContain('Subagents (2: Explore, general-purpose)');
    expect(users.filter((u) => u.kind === 'agent').map((u) => u.name)).toEqual([
      agentName('shop', HOST),
    ]);
  });

  it('posts anyway when the transcript is missing, and notes it on stderr and in the log', async () => {
    const hub = await newHub(engine);
    const home = hub.home;
    const result = runOn(hub, 'stop', stop('stop-turn2.json', '/nowhere/transcript.jsonl'), {
      budget: ROOMY,
    });
    expectQuietSuccess(result);
    expect(result.stderr).toMatch(
      /^spaces-session-hook: transcript not found at "\/nowhere\/transcript\.jsonl".*\[hooks\.note\]\n$/,
    );
    expect(readFileSync(join(home, 'hooks.log'), 'utf8')).toContain('hooks.note');
    const { messages } = await hub.logs();
    expect(messages.filter((m) => m.kind === 'Text')[0]?.text).toContain('Done: Done. Tests pass.');
  });
});

describe('never lose a turn', () => {
  it('exits 0 while another process holds the store’s write lock for 3 s, and the summary arrives', async () => {
    const home = await tempDir();
    await createHub(home);
    // The lock is held by another process (as another agent's writer would), for 3 s.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
         const db = new D(${JSON.stringify(join(home, 'spaces.db'))});
         db.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked\\n');
         setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 3000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    // The default budget: the hook gives up waiting long before the lock goes.
    const result = run('stop', stop('stop-turn2.json', FULL), home);
    expectQuietSuccess(result);
    expect(result.stderr).toMatch(/\[hooks\.deferred\]\n$/);
    await eventually(async () => {
      const { messages } = await agentLogs(home).catch(() => ({ messages: [] }));
      return messages.some((m) => m.kind === 'Text' && m.text.includes(`Session: ${SESSION}`));
    });
    await eventually(async () => (await readdir(join(home, 'hooks', 'outbox'))).length === 0);
  });

  it('exits 0 by the deadline while the worker is stuck on the file system, and leaves it to finish', async () => {
    const home = await tempDir();
    await createHub(home);
    // A named pipe nobody writes to: reading the "transcript" blocks until someone does.
    const fifo = join(await tempDir(), 'transcript.jsonl');
    execFileSync('mkfifo', [fifo]);
    const result = run('stop', stop('stop-turn2.json', fifo), home, { budget: 1000 });
    expectQuietSuccess(result);
    expect(result.stderr).toMatch(/not done within 1000 ms.*\[hooks\.deferred\]\n$/);
    const pid = leftPid(result.stderr);
    expect(pid).toBeGreaterThan(0);
    // Unblock the worker with a transcript: it finishes the summary alone.
    await writeFile(fifo, readFileSync(FULL));
    await eventually(async () => {
      const { messages } = await agentLogs(home);
      return messages.some((m) => m.kind === 'Text' && m.text.includes('Tools: Write ×3'));
    });
  });
});

describe.each(ENGINES)('spaces-context-hook (SessionStart, %s)', (engine) => {
  it("prints the peers' entries as SessionStart context, and not this session's own", async () => {
    const hub = await newHub(engine, ['spaces', 'web']);
    const mine = '11111111-aaaa-4aaa-8aaa-000000000001';
    const peer = '22222222-bbbb-4bbb-8bbb-000000000002';
    expectQuietSuccess(runOn(hub, 'stop', stop('stop-turn1.json', TURN1, mine), { budget: ROOMY }));
    // The peer works in another project (its transcript is the same fixture, so the project
    // comes from CLAUDE_PROJECT_DIR, which outranks where the transcript starts).
    expectQuietSuccess(
      runOn(
        hub,
        'stop',
        stop('stop-turn2.json', FULL, peer, '/home/dev/projects/web'),
        { budget: ROOMY, env: { CLAUDE_PROJECT_DIR: '/home/dev/projects/web' } },
        'web',
      ),
    );

    // The session resumes: it hears of the web session, not of itself.
    const resumed = runOn(hub, 'start', start(mine, 'resume'), { budget: ROOMY });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toBe('');
    expect(resumed.stdout.endsWith('\n')).toBe(true);
    const output = JSON.parse(resumed.stdout) as {
      hookSpecificOutput: { hookEventName: string; additionalContext: string };
    };
    expect(output.hookSpecificOutput.hookEventName).toBe('SessionStart');
    const context = output.hookSpecificOutput.additionalContext;
    expect(context).toContain(`— ${agentName('web', HOST)} at `);
    expect(context).toContain('> Session summary: web (/home/dev/projects/web)');
    expect(context).toContain(`> Session: ${peer}`);
    expect(context).not.toContain(mine);
    expect(context).not.toContain(PLANTED_KEY);

    // A new session of the same project hears of both: its predecessor is a peer to it.
    const fresh = runOn(hub, 'start', start('33333333-cccc-4ccc-8ccc-000000000003'), {
      budget: ROOMY,
    });
    const both = (JSON.parse(fresh.stdout) as typeof output).hookSpecificOutput.additionalContext;
    expect(both.indexOf(`> Session: ${mine}`)).toBeGreaterThan(0);
    expect(both.indexOf(`> Session: ${peer}`)).toBeGreaterThan(both.indexOf(`> Session: ${mine}`));
  });

  it("redacts a secret someone else's message carries into this session", async () => {
    const hub = await newHub(engine);
    const space = await hub.owner();
    const channel = await space.channel('agent-logs');
    await space.reducers.send_message({
      channelId: channel!.id,
      text: `deploy note: DB_PASS=Hunter2Hunter2 and ${PLANTED_KEY}`,
    });
    await space.close();
    const result = runOn(hub, 'start', start('44444444-dddd-4ddd-8ddd-000000000004'), {
      budget: ROOMY,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DB_PASS=[REDACTED]');
    expect(result.stdout).not.toContain('Hunter2Hunter2');
    expect(result.stdout).not.toContain(PLANTED_KEY);
  });

  it('prints nothing when no peer has written', async () => {
    const hub = await newHub(engine);
    const result = runOn(hub, 'start', start('44444444-dddd-4ddd-8ddd-000000000004'), {
      budget: ROOMY,
    });
    expectQuietSuccess(result);
    expect(result.stderr).toBe('');
  });

  // Run on the embedded store only: what it checks is the supervisor, whatever the engine.
  it.skipIf(engine === 'spacetimedb')(
    'exits 0 by the deadline when its worker blocks the event loop, and the worker is killed',
    async () => {
      const home = await tempDir();
      await createHub(home);
      // The worker spins in synchronous code from its first line, as if the file system had it
      // stuck: a preload that loops forever in the worker process only (the supervisor runs it too,
      // and goes on).
      const spin = join(home, 'spin-in-worker.mjs');
      await writeFile(spin, "if (process.argv[1]?.endsWith('spaces-hook-worker.js')) for (;;);\n");
      const result = run('start', start(SESSION), home, {
        budget: 1000,
        env: { NODE_OPTIONS: `--import=${pathToFileURL(spin).href}` },
      });
      expectQuietSuccess(result);
      expect(result.stderr).toBe('spaces-context-hook: gave up after 1000 ms [hooks.timeout]\n');
    },
  );
});

describe('failures: exit 0, nothing on stdout, one diagnostic', () => {
  /**
   * Runs both hooks against a broken setup and checks the rule. The budget is roomy, so that the
   * diagnostic is the failure's own and not a deadline's on a loaded machine.
   */
  function expectFailure(home: string, code: string, stdin?: { stop: string; start: string }) {
    const inputs = stdin ?? { stop: stop('stop-turn1.json', TURN1), start: start(SESSION) };
    for (const hook of ['stop', 'start'] as const) {
      const result = run(hook, inputs[hook], home, { budget: ROOMY });
      expectQuietSuccess(result);
      expect(result.stderr).toMatch(
        new RegExp(`^spaces-[a-z]+-hook: .*\\[${code.replace('.', '\\.')}\\]\\n$`),
      );
    }
  }

  it.each([
    ['a folder that does not exist', async () => join(await tempDir(), 'never-initialised')],
    ['/proc/no-such-dir', async () => '/proc/no-such-dir'],
    ['/proc/self', async () => '/proc/self'],
  ])('no store in %s: says to run `spaces init`, and creates no file', async (_name, makeHome) => {
    const home = await makeHome();
    const before = existsSync(home) ? await readdir(home) : undefined;
    expectFailure(home, 'hooks.no_hub');
    const bad = fixture('stdin-not-json.txt');
    expectFailure(home, 'hooks.bad_json', { stop: bad, start: bad });
    // With the default budgets too: exit 0 of their own accord, whatever they had time to say.
    for (const [hook, stdin] of [
      ['stop', bad],
      ['stop', stop('stop-turn1.json', TURN1)],
      ['start', start(SESSION)],
    ] as const) {
      expectQuietSuccess(run(hook, stdin, home));
    }
    expect(existsSync(home) ? await readdir(home) : undefined).toEqual(before);
  });

  it('a store whose hub was never created', async () => {
    const home = await tempDir();
    const space = await openAs(home, 'someone');
    await space.close();
    expectFailure(home, 'hooks.no_hub');
  });

  it('a corrupt store file', async () => {
    const home = await tempDir();
    await createHub(home);
    await writeFile(join(home, 'spaces.db'), Buffer.alloc(64 * 1024, 0x5a));
    expectFailure(home, 'hooks.store_unreadable');
    const log = readFileSync(join(home, 'hooks.log'), 'utf8').trim().split('\n');
    expect(log.every((line) => line.includes(' hooks.store_unreadable '))).toBe(true);
  });

  it('stdin that is not JSON, logged beside the hub', async () => {
    const home = await tempDir();
    await createHub(home);
    const bad = fixture('stdin-not-json.txt');
    expectFailure(home, 'hooks.bad_json', { stop: bad, start: bad });
    const log = readFileSync(join(home, 'hooks.log'), 'utf8').trim().split('\n');
    expect(log).toHaveLength(2);
    const { messages } = await agentLogs(home);
    expect(messages).toHaveLength(0);
  });

  it('a store locked for longer than the hook may wait: SessionStart gives up, nothing breaks', async () => {
    const home = await tempDir();
    await createHub(home);
    const other = rawStore(home);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const result = run('start', start(SESSION), home, { budget: ROOMY });
      expectQuietSuccess(result);
      expect(result.stderr).toMatch(/\[hooks\.store_busy\]\n$/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
