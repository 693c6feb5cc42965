// `pnpm --filter @spaces/hooks bench`: how long a Stop holds up the session, measured as the
// executable tests run it: wall time of `node dist/bin/spaces-session-hook.js` from spawn to exit,
// on a real embedded store, beside `node -e 0` measured in the same run. Sessions: the small
// fixture, a 3.4 MB session and a large one (sessions.ts writes them, subagents included).
// The budget is set high so that each run does all its work before exiting (the figure is the
// work, not the deadline); the table also says how many runs the default budget would have cut
// short, which then finish in the background and lose nothing.
// Usage: node bench/stop.mjs [runs] [large MB]   (build first: pnpm build; default 20 runs, 50 MB)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { addProfile, openSpace } from '@spaces/client';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const runs = Number(process.argv[2] ?? 20);
const largeMb = Number(process.argv[3] ?? 50);
const bins = resolve(here('../dist/bin'));
const work = mkdtempSync(join(tmpdir(), 'spaces-hooks-bench-'));
const log = (text) => process.stderr.write(text + '\n');

// The session writer is TypeScript shared with the tests: bundle it for this run.
const sessionsJs = join(work, 'sessions.mjs');
await build({
  entryPoints: [here('./sessions.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: sessionsJs,
  conditions: ['source'],
  logLevel: 'warning',
});
const { writeBenchSession } = await import(sessionsJs);

const DEFAULT_BUDGET = 800; // STOP_BUDGET_MS
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(SPACES_|SPACETIMEDB_|CLAUDE_PROJECT_DIR$)/.test(k),
  ),
);
const home = join(work, 'home');
Object.assign(env, { SPACES_HOME: home, SPACES_HOOK_BUDGET_MS: '9000' });

// The hub, as `spaces init` makes it (the hooks never create one).
addProfile(home, 'owner');
const space = await openSpace({ home, as: 'owner' });
await space.createHub({ name: 'owner' });
await space.close();

function stdin(sessionId, transcript) {
  return JSON.stringify({
    session_id: sessionId,
    transcript_path: transcript,
    cwd: '/home/dev/projects/shop/src',
    hook_event_name: 'Stop',
    stop_hook_active: false,
  });
}

function time(args, input) {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { input, env, cwd: tmpdir(), encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0 || r.stderr !== '') throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return ms;
}

const quantile = (samples, q) => {
  const s = [...samples].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.ceil(at)] - s[lo]) * (at - lo);
};

const cases = [
  ['fixture (36 records)', 'small', here('../test/fixtures/transcript.jsonl'), runs],
  ['3.4 MB session', 'mid', await writeBenchSession(join(work, 'mid'), 'bench-mid', 3.4e6), runs],
  [
    `${largeMb} MB session`,
    'large',
    await writeBenchSession(join(work, 'large'), 'bench-large', largeMb * 1e6),
    Math.max(3, Math.round(runs / 4)),
  ],
];

const rows = [];
const node = Array.from({ length: runs }, () => time(['-e', '0'], ''));
rows.push(['node -e 0', '', node]);
for (const [label, id, transcript, n] of cases) {
  const mb = (statSync(transcript).size / 1e6).toFixed(1);
  log(`${label}: ${n} Stops…`);
  const samples = Array.from({ length: n }, () =>
    time([join(bins, 'spaces-session-hook.js')], stdin(`bench-${id}`, transcript)),
  );
  rows.push([`Stop, ${label}`, `${mb} MB main`, samples]);
}
rmSync(work, { recursive: true, force: true });

const f = (ms) => `${ms.toFixed(0).padStart(5)} ms`;
console.log(`${join(bins, 'spaces-session-hook.js')}, wall time from spawn to exit`);
console.log(
  `${'case'.padEnd(34)} ${'transcript'.padEnd(12)} ${'runs'.padStart(4)}  median      p95      max   over ${DEFAULT_BUDGET} ms`,
);
for (const [label, size, samples] of rows) {
  const over = samples.filter((ms) => ms > DEFAULT_BUDGET).length;
  console.log(
    `${label.padEnd(34)} ${size.padEnd(12)} ${String(samples.length).padStart(4)}  ${f(quantile(samples, 0.5))} ${f(quantile(samples, 0.95))} ${f(Math.max(...samples))}   ${over}`,
  );
}
