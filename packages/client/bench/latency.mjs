// Push latency from commit to a handler in another process: 1 writer, 8 subscriber processes.
// Baseline: the bare wake-up the engine rides on, a file write seen by fs.watch in another process.
import { spawn } from 'node:child_process';
import { writeFileSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { addProfile } from '@spaces/client';
import { freshHub, percentile } from './common.mjs';

const workers = join(import.meta.dirname, '..', 'test', 'workers');

function run(script, args) {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ready = new Promise((resolve) =>
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('ready\n')) resolve();
    }),
  );
  const result = new Promise((resolve) =>
    child.on('close', () =>
      resolve(JSON.parse(out.split('\n').find((l) => l.startsWith('[')) ?? '[]')),
    ),
  );
  return { ready, result };
}

const WARMUP = 50;
const now = () => performance.timeOrigin + performance.now();
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

export async function latency(messages = 2000, subscribers = 8, gapMs = 2) {
  const { home, space, general, remove } = await freshHub('lat');
  try {
    const subs = [];
    for (let i = 0; i < subscribers; i++) {
      addProfile(home, `s${i}`);
      subs.push(run(join(workers, 'latency.mjs'), [home, `s${i}`, String(messages + WARMUP)]));
    }
    await Promise.all(subs.map((s) => s.ready));
    // Latency runs from the moment the writer's call returned (committed, subscribers woken) to
    // the moment a subscriber's handler ran; both clocks are performance.timeOrigin-based.
    // The first WARMUP messages warm up every process (statement preparation, JIT) and are
    // left out of the figures, as the baseline's first wakes are.
    const committedAt = [];
    for (let i = 0; i < messages + WARMUP; i++) {
      await space.reducers.send_message({ channelId: general, text: `t ${i}` });
      committedAt.push(now());
      await pause(gapMs);
    }
    const ours = (await Promise.all(subs.map((s) => s.result)))
      .flat()
      .filter(([i]) => i >= WARMUP)
      .map(([i, at]) => at - committedAt[i]);

    const file = join(home, 'wake');
    writeFileSync(file, '');
    const watchers = [];
    for (let i = 0; i < subscribers; i++)
      watchers.push(
        run(join(import.meta.dirname, 'watcher.mjs'), [file, String(messages + WARMUP)]),
      );
    await Promise.all(watchers.map((w) => w.ready));
    const fd = openSync(file, 'r+');
    for (let i = 0; i < messages + WARMUP; i++) {
      writeSync(fd, Buffer.from(String(now()).padEnd(32)), 0, 32, 0);
      await pause(gapMs);
    }
    const baseline = (await Promise.all(watchers.map((w) => w.result))).flatMap((r) =>
      r.slice(WARMUP),
    );
    return {
      ours: { p50: percentile(ours, 50), p99: percentile(ours, 99), n: ours.length },
      baseline: {
        p50: percentile(baseline, 50),
        p99: percentile(baseline, 99),
        n: baseline.length,
      },
    };
  } finally {
    await space.close();
    remove();
  }
}
