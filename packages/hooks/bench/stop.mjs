// Start-up benchmark of the Stop hook on a real embedded store, measured as the executable tests
// do (test/executables.slow.test.ts): wall time of `node dist/bin/spaces-session-hook.js` from
// spawn to exit, one first turn that posts and then later turns that edit, median of `runs`.
// Usage: node bench/stop.mjs [runs] [bin folder]   (build first: pnpm build; default 10 runs)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addProfile, openSpace } from '@spaces/client';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const runs = Number(process.argv[2] ?? 10);
const bin = join(resolve(process.argv[3] ?? here('../dist/bin')), 'spaces-session-hook.js');
const home = mkdtempSync(join(tmpdir(), 'spaces-hooks-bench-'));
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(SPACES_|SPACETIMEDB_|CLAUDE_PROJECT_DIR$)/.test(k),
  ),
);
Object.assign(env, { SPACES_HOME: home, SPACES_HOOK_BUDGET_MS: '10000' });

// The hub, as `spaces init` makes it (the hooks never create one).
addProfile(home, 'owner');
const space = await openSpace({ home, as: 'owner' });
await space.createHub({ name: 'owner' });
await space.close();

function stdin(turn, transcript) {
  const input = JSON.parse(readFileSync(here(`../test/fixtures/${turn}`), 'utf8'));
  return JSON.stringify({
    ...input,
    transcript_path: here(`../test/fixtures/${transcript}`),
    cwd: '/home/dev/projects/spaces',
  });
}

function time(args, input) {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { input, env, cwd: tmpdir(), encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0 || r.stderr !== '') throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return ms;
}

const median = (samples) => {
  const s = [...samples].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const node = Array.from({ length: runs }, () => time(['-e', '0'], ''));
const stops = Array.from({ length: runs }, (_, i) =>
  time(
    [bin],
    i === 0
      ? stdin('stop-turn1.json', 'transcript-turn1.jsonl')
      : stdin('stop-turn2.json', 'transcript.jsonl'),
  ),
);
rmSync(home, { recursive: true, force: true });

const f = (ms) => `${ms.toFixed(1).padStart(6)} ms`;
console.log(`${bin}, ${runs} runs`);
console.log(`node -e 0          median ${f(median(node))}`);
console.log(
  `Stop (embedded)    median ${f(median(stops))}   min ${f(Math.min(...stops))}   ` +
    `max ${f(Math.max(...stops))}   first (posting) ${f(stops[0])}`,
);
