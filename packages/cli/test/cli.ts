import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer } from '@spaces/spacetime-test-server';

/** The built CLI, run exactly as a user's shell would run it. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** What one run of the CLI did. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Tests must not pick up a developer’s SpacetimeDB settings or colour preferences (exported for
// the MCP tests, which spawn the server through the SDK’s transport).
export const ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) =>
      !k.startsWith('SPACETIMEDB_') &&
      k !== 'SPACES_HOME' &&
      k !== 'NO_COLOR' &&
      k !== 'FORCE_COLOR',
  ),
);

/** Runs `spaces <args>` in its own process. */
export function spaces(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...ENV, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        // A run this harness had to kill is no exit of ours: say so, so a failure under load is
        // not mistaken for an internal error (exit 1 with nothing on stderr).
        const killed = error?.killed
          ? `\n[test harness: killed by ${error.signal} after 30 s]`
          : '';
        resolve({ code, stdout, stderr: stderr + killed });
      },
    );
  });
}

/** The engines the end-to-end suites run on. */
export type Engine = 'embedded' | 'spacetimedb';
export const ENGINES: readonly Engine[] = ['embedded', 'spacetimedb'];

/** The Spaces module, served by the SpacetimeDB test server (bundled from its sources). */
const MODULE = fileURLToPath(new URL('../../module', import.meta.url));

/** Starts a long-running `spaces <args>` (subscribe) and collects its stdout lines. */
export function start(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  waitFor(pred: (lines: string[]) => boolean, ms?: number): Promise<void>;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { env: ENV });
  const lines: string[] = [];
  let buffer = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters) w();
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exit,
    waitFor(pred, ms = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pred(lines)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out; stdout so far:\n${lines.join('\n')}\nstderr:\n${stderr}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
}

/** A fresh temporary home. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'spaces-cli-'));
}

/**
 * A hub on one engine, and a run bound to it: `hub.as('alice', 'messages', 'send', …)`. On the
 * embedded engine each name is a local profile (`--home … --as …`); on SpacetimeDB (the test
 * server, started for the hub) each name is an identity's token (`--host … --token …`), and the
 * operator is the database's owner, as the publisher of a real module would be.
 */
export interface Hub {
  readonly engine: Engine;
  /** The embedded store's folder (embedded only). */
  readonly home: string;
  /** The global flags that select this hub and act as `profile` (the operator when undefined). */
  flags(profile: string | undefined): string[];
  /** Runs as a profile, or as the operator when `profile` is undefined. */
  as(profile: string | undefined, ...args: string[]): Promise<Run>;
  /** Runs with --json and parses stdout; throws with stderr when the run failed. */
  json<T = unknown>(profile: string | undefined, ...args: string[]): Promise<T>;
  /** Starts a long-running command (subscribe) as a profile. */
  start(profile: string | undefined, ...args: string[]): ReturnType<typeof start>;
  /** Stops the hub's server, if it has one. */
  close(): Promise<void>;
}

/** A hub with `operator` (Owner) and the given agents, registered, on an engine. */
export async function hub(agents: string[] = [], engine: Engine = 'embedded'): Promise<Hub> {
  return engine === 'embedded' ? embeddedHub(agents) : spacetimeHub(agents);
}

function bind(
  engine: Engine,
  home: string,
  flags: (profile: string | undefined) => string[],
  close: () => Promise<void>,
): Hub {
  const h: Hub = {
    engine,
    home,
    flags,
    as: (profile, ...args) => spaces([...flags(profile), ...args]),
    async json(profile, ...args) {
      const r = await h.as(profile, '--json', ...args);
      if (r.code !== 0) throw new Error(`spaces ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as never;
    },
    start: (profile, ...args) => start([...flags(profile), ...args]),
    close,
  };
  return h;
}

const AGENT = ['--agent', '--program', 'claude-code', '--model', 'test-model'];

async function embeddedHub(agents: string[]): Promise<Hub> {
  const home = tempHome();
  const h = bind(
    'embedded',
    home,
    (profile) => ['--home', home, ...(profile ? ['--as', profile] : [])],
    async () => {},
  );
  const init = await h.as(undefined, 'init', '--name', 'operator');
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  await Promise.all(
    agents.map(async (name) => {
      const r = await h.as(undefined, 'profiles', 'add', name, ...AGENT);
      if (r.code !== 0) throw new Error(`profiles add ${name} failed: ${r.stderr}`);
    }),
  );
  return h;
}

async function spacetimeHub(agents: string[]): Promise<Hub> {
  const server = await startTestServer({ module: MODULE });
  const tokens = new Map<string, string>([['operator', server.owner.token]]);
  for (const name of agents) {
    const res = await fetch(`${server.url}/v1/identity`, { method: 'POST' });
    tokens.set(name, ((await res.json()) as { token: string }).token);
  }
  const h = bind(
    'spacetimedb',
    '',
    (profile) => {
      const token = tokens.get(profile ?? 'operator');
      if (!token) throw new Error(`no identity named ${profile} on this hub`);
      return ['--host', server.url, '--database', 'spaces', '--token', token];
    },
    () => server.close(),
  );
  // The publisher is the Owner already; give everyone the name they have on the embedded hub.
  const named = await h.as(undefined, 'profile', 'set', '--name', 'operator');
  if (named.code !== 0) throw new Error(`profile set operator failed: ${named.stderr}`);
  for (const name of agents) {
    const r = await h.as(name, 'profile', 'set', '--name', name, ...AGENT);
    if (r.code !== 0) throw new Error(`profile set ${name} failed: ${r.stderr}`);
  }
  return h;
}

/**
 * Waits until a freshly started subscriber is following live commits: a subscriber only sees
 * what is committed after it started, so keep posting warm-up messages until one arrives.
 */
export async function untilLive(
  sub: ReturnType<typeof start>,
  post: (n: number) => Promise<unknown>,
): Promise<void> {
  for (let n = 1; n <= 30; n++) {
    await post(n);
    try {
      await sub.waitFor((lines) => lines.some((l) => l.includes(`warm-up ${n}`)), 700);
      return;
    } catch {
      // not live yet: post another
    }
  }
  throw new Error('the subscriber never went live');
}
