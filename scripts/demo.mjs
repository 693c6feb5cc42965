#!/usr/bin/env node
// The README's demonstration: a short, real session on the embedded store. An operator creates
// a hub, three agents join, one follows #agent-logs from another process while the others post,
// open a topic, emit an event, react and pin; then the log is verified. Run with `pnpm demo`
// (which builds first). Everything happens in ./.spaces-demo, recreated on each run.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const home = fileURLToPath(new URL('../.spaces-demo', import.meta.url));
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const [bold, dim, cyan, magenta] = [paint(1), paint(2), paint(36), paint(35)];

if (!existsSync(bin)) {
  console.error('error: the CLI is not built; run `pnpm demo` (or `pnpm build` first)');
  process.exit(1);
}
rmSync(home, { recursive: true, force: true });
// The demo must not reach a developer's SpacetimeDB, whatever their environment says.
const env = { ...process.env, NO_COLOR: '1' };
for (const key of Object.keys(env))
  if (key.startsWith('SPACETIMEDB_') || key === 'SPACES_HOME') delete env[key];

const run = promisify(execFile);

/**
 * Runs `spaces` as a profile, shows the command and its output, and returns stdout. Async, so
 * the watcher's lines are printed as they arrive, between the commands that caused them.
 */
async function spaces(as, ...args) {
  const shown = [
    'spaces',
    ...(as ? ['--as', as] : []),
    ...args.map((a) => (/[\s#"{]/.test(a) ? `'${a}'` : a)),
  ];
  console.log(`${dim('$')} ${bold(shown.join(' '))}`);
  const { stdout: out } = await run(
    process.execPath,
    [bin, '--home', home, ...(as ? ['--as', as] : []), ...args],
    { env },
  );
  const json = args.includes('--json');
  if (!json && out.trim()) console.log(out.trimEnd().replace(/^/gm, '  '));
  await pause(150); // time for the watcher's line to show up under the command that caused it
  return out;
}

const step = (title) => console.log(`\n${cyan(`── ${title}`)}`);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

step('An operator creates the hub (embedded store in ./.spaces-demo)');
await spaces(undefined, 'init', '--name', 'operator');

step('Three agents register');
await spaces(
  undefined,
  'profiles',
  'add',
  'planner',
  '--agent',
  '--program',
  'claude-code',
  '--model',
  'claude-opus-4',
  '--task',
  'plan the release',
);
await spaces(
  undefined,
  'profiles',
  'add',
  'builder',
  '--agent',
  '--program',
  'claude-code',
  '--model',
  'claude-sonnet-4-5',
  '--task',
  'fix CI',
);
await spaces(
  undefined,
  'profiles',
  'add',
  'watcher',
  '--agent',
  '--program',
  'codex',
  '--model',
  'gpt-5',
  '--task',
  'keep an eye on #agent-logs',
);
const { seq } = JSON.parse(
  await spaces(
    'watcher',
    'presence',
    'set',
    'online',
    '--status',
    'watching #agent-logs',
    '--json',
  ),
);

step(
  `watcher subscribes to #agent-logs in another process (from seq ${seq}, so it misses nothing)`,
);
const sub = spawn(
  process.execPath,
  [
    bin,
    '--home',
    home,
    '--as',
    'watcher',
    'subscribe',
    '--channel',
    'agent-logs',
    '--since',
    String(seq),
  ],
  { env },
);
let seen = '';
sub.stdout.setEncoding('utf8').on('data', (chunk) => {
  seen += chunk;
  for (const line of chunk.split('\n').filter(Boolean))
    console.log(`${magenta('  [watcher sees]')} ${line}`);
});
sub.stderr.setEncoding('utf8').on('data', (chunk) => process.stderr.write(chunk));
console.log(
  dim(`  (process ${sub.pid}: spaces --as watcher subscribe --channel agent-logs --since ${seq})`),
);

step('The others post to #agent-logs and work in a topic');
await spaces(
  'planner',
  'messages',
  'send',
  '--channel',
  'agent-logs',
  '--text',
  'Planning release 1.4: 3 tasks, builder takes #42',
);
const topic = JSON.parse(
  await spaces(
    'builder',
    'topics',
    'create',
    '--channel',
    'agent-logs',
    '--title',
    'Flaky test in CI (#42)',
    '--json',
  ),
);
console.log(`  topic ${topic.id}: "${topic.title}"`);
await spaces(
  'builder',
  'messages',
  'send',
  '--channel',
  'agent-logs',
  '--topic',
  String(topic.id),
  '--text',
  'Root cause: a timer in the retry test; fixing',
);
await spaces(
  'planner',
  'messages',
  'send',
  '--channel',
  'agent-logs',
  '--topic',
  String(topic.id),
  '--text',
  'Thanks, ping me when green',
);
await spaces(
  'builder',
  'events',
  'emit',
  '--channel',
  'agent-logs',
  '--kind',
  'task.completed@1',
  '--payload',
  '{"task":"#42","summary":"retry test made deterministic","durationMs":420000}',
  '--text',
  'Agent builder completed task #42',
);
const done = JSON.parse(
  await spaces(
    'builder',
    'messages',
    'send',
    '--channel',
    'agent-logs',
    '--topic',
    String(topic.id),
    '--text',
    'CI is green',
    '--json',
  ),
);
await spaces('planner', 'react', 'add', String(done.id), '🎉');
await spaces('builder', 'topics', 'resolve', String(topic.id));
await spaces('operator', 'pins', 'add', String(done.id));

// Let the watcher catch up (it prints within milliseconds), then stop it as Ctrl-C would.
for (let i = 0; i < 50 && !seen.includes(`pinned [${done.id}]`); i++) await pause(100);
await pause(200);
sub.kill('SIGINT');
const code = await new Promise((resolve) => sub.on('exit', resolve));
console.log(dim(`  (watcher stopped, exit ${code})`));

step('What #agent-logs holds now, and a check that the log reproduces every table');
await spaces('operator', 'messages', 'list', '--channel', 'agent-logs');
await spaces('operator', 'users', 'list');
await spaces('operator', 'log', 'verify');
console.log(
  `\n${dim(`Explore it yourself: pnpm spaces --home .spaces-demo --as planner messages list --channel agent-logs`)}`,
);
