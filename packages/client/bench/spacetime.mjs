// The SpacetimeDB engine through the real SDK against the test server (a separate process),
// beside the embedded engine doing the same work: calls/s awaited one by one and pipelined,
// push latency to a second connection, and what one CLI-like `messages send` / `messages list`
// (connect, read what it needs, act, close) costs with 1k and with 100k messages in the space.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { addProfile, openSpace } from '@spaces/client';
import { freshHub, percentile } from './common.mjs';

const SERVER = fileURLToPath(new URL('../../spacetime-test-server/dist/cli.js', import.meta.url));

/** Starts the test server on a free port; resolves with its URL, owner token and a stop(). */
export function startServer() {
  const child = spawn(process.execPath, [SERVER, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`test server exited (${code})`)));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const lines = out.split('\n');
      const listening = /^listening on (\S+) database (\S+)$/.exec(lines[0] ?? '');
      const owner = /^owner \S+ token (\S+)$/.exec(lines[1] ?? '');
      if (listening && owner)
        resolve({
          url: listening[1],
          token: owner[1],
          stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))),
        });
    });
  });
}

async function newToken(url) {
  const res = await fetch(`${url}/v1/identity`, { method: 'POST' });
  return (await res.json()).token;
}

/** Calls/s: `n` sends awaited one by one, then `n` sends issued at once and awaited together. */
async function calls(space, channelId, n) {
  let start = performance.now();
  for (let i = 0; i < n; i++) await space.reducers.send_message({ channelId, text: `a${i}` });
  const awaited = n / ((performance.now() - start) / 1000);
  start = performance.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) => space.reducers.send_message({ channelId, text: `p${i}` })),
  );
  const pipelined = n / ((performance.now() - start) / 1000);
  return { awaited, pipelined };
}

/** From just before a call to the second connection's handler, `n` times (after a warm-up). */
async function pushLatency(writer, reader, channelId, n) {
  const waiting = new Map();
  const sub = reader.subscribe({ channelId, tables: ['messages'] }, (change) => {
    if (change.op !== 'insert') return;
    waiting.get(change.row.text)?.(performance.now());
  });
  await sub.ready;
  const samples = [];
  for (let i = 0; i < n + 20; i++) {
    const text = `lat${i}`;
    const arrived = new Promise((resolve) => waiting.set(text, resolve));
    const start = performance.now();
    await writer.reducers.send_message({ channelId, text });
    const at = await arrived;
    if (i >= 20) samples.push(at - start);
  }
  sub.close();
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Fills the channel to `total` messages, in pipelined batches. */
async function fill(space, channelId, from, total) {
  for (let done = from; done < total;) {
    const batch = Math.min(2000, total - done);
    await Promise.all(
      Array.from({ length: batch }, (_, i) =>
        space.reducers.send_message({ channelId, text: `fill ${done + i}` }),
      ),
    );
    done += batch;
  }
}

/** Median ms of a CLI-like command: open a space, find the channel, act, close (after 3 warm-ups). */
async function command(open, act, n) {
  const samples = [];
  for (let i = -3; i < n; i++) {
    const start = performance.now();
    const space = await open();
    const channel = await space.channel('agent-logs');
    await act(space, channel.id, i);
    await space.close();
    if (i >= 0) samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

const send = (space, channelId, i) => space.reducers.send_message({ channelId, text: `cli ${i}` });
const list = async (space, channelId) => {
  await space.messages(channelId, { limit: 50 });
  await space.me();
};

/** Everything, on both engines. */
export async function spacetimeBench({ quick }) {
  const n = quick ? 300 : 1000;
  const latencyN = quick ? 100 : 300;
  const [small, large] = [1_000, quick ? 10_000 : 100_000];
  const reps = quick ? 10 : 30;
  const log = (text) => process.stderr.write(text + '\n');
  const result = { spacetime: {}, embedded: {}, sizes: [small, large] };

  log('  SpacetimeDB (test server)…');
  const server = await startServer();
  try {
    const target = { host: server.url, database: 'spaces' };
    const owner = await openSpace({ ...target, token: server.token });
    const reader = await openSpace({ ...target, token: await newToken(server.url) });
    const logs = (await owner.channel('agent-logs')).id;
    result.spacetime.calls = await calls(owner, logs, n);
    result.spacetime.latency = await pushLatency(owner, reader, logs, latencyN);
    await reader.close();
    const token = await newToken(server.url);
    const open = () => openSpace({ ...target, token });
    const sizes = {};
    let count = 2 * n + latencyN + 20;
    for (const size of [small, large]) {
      log(`    filling to ${size} messages…`);
      await fill(owner, logs, count, size);
      count = size;
      sizes[size] = {
        send: await command(open, send, reps),
        list: await command(open, list, reps),
      };
      count += reps + 3;
    }
    result.spacetime.sizes = sizes;
    await owner.close();
  } finally {
    await server.stop();
  }

  log('  embedded…');
  const hub = await freshHub('stdb');
  try {
    addProfile(hub.home, 'reader');
    const reader = await openSpace({ home: hub.home, as: 'reader' });
    await reader.reducers.set_profile({ name: 'reader', kind: 'agent' });
    const logs = (await hub.space.channel('agent-logs')).id;
    result.embedded.calls = await calls(hub.space, logs, n);
    result.embedded.latency = await pushLatency(hub.space, reader, logs, latencyN);
    await reader.close();
    const open = () => openSpace({ home: hub.home, as: 'owner' });
    const sizes = {};
    let count = 2 * n + latencyN + 20;
    for (const size of [small, large]) {
      await fill(hub.space, logs, count, size);
      count = size;
      sizes[size] = {
        send: await command(open, send, reps),
        list: await command(open, list, reps),
      };
      count += reps + 3;
    }
    result.embedded.sizes = sizes;
  } finally {
    await hub.space.close();
    hub.remove();
  }
  return result;
}
