// Start-up benchmark: `node -e 0` against `spaces messages send …` on a real embedded store.
// The goal (from the issue) is a send within 3x the time of a bare node start.
// Usage: node bench/startup.mjs [runs]   (build first: pnpm build)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const runs = Number(process.argv[2] ?? 30);
const home = mkdtempSync(join(tmpdir(), 'spaces-bench-'));
const env = { ...process.env, NO_COLOR: '1' };
delete env.SPACETIMEDB_HOST;

execFileSync(process.execPath, [bin, '--home', home, 'init', '--name', 'bench'], { env });

function time(args) {
  const samples = [];
  spawnSync(process.execPath, args, { env }); // warm the file cache
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { mean, p50: samples[Math.floor(samples.length / 2)] };
}

// Interleave nothing: each case is measured in its own block, node first.
const node = time(['-e', '0']);
const help = time([bin, '--help']);
const send = time([
  bin,
  '--home',
  home,
  'messages',
  'send',
  '--channel',
  'general',
  '--text',
  'bench',
]);
rmSync(home, { recursive: true, force: true });

const row = (name, r) =>
  `${name.padEnd(24)} mean ${r.mean.toFixed(1).padStart(7)} ms   p50 ${r.p50.toFixed(1).padStart(7)} ms   ${(r.p50 / node.p50).toFixed(2)}x`;
console.log(`start-up, ${runs} runs each (ratio = p50 / node -e 0 p50)`);
console.log(row('node -e 0', node));
console.log(row('spaces --help', help));
console.log(row('spaces messages send', send));
const ratio = send.p50 / node.p50;
console.log(
  `goal: messages send within 3x of node -e 0 -> ${ratio.toFixed(2)}x ${ratio <= 3 ? 'MET' : 'NOT MET'}`,
);
