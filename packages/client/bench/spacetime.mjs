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

/** Median ms of a CLI-like command: open a space, find the channel, act, close. */
async function command(open, act, n) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const space = await open();
    const channel = await space.channel('agent-logs');
    await act(space, channel.id, i);
    await space.close();
    samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

const send = (space, channelId, i) => space.reducers.send_message({ channelId, text: `cli ${i}` });
const list = async (space, channelId) => {
  await space.messages(channelId, { limit: 50 });
  await space.me();
};

/**
 * The command costs at two sizes: one space filled to each size, then rounds that alternate
 * between them (a warm-up round first), so JIT warm-up and the machine's load drift reach both
 * sizes alike; each size reports its median.
 */
async function sizes(spaces, reps) {
  const samples = new Map(spaces.map(({ size }) => [size, { send: [], list: [] }]));
  for (let round = -1; round < 5; round++) {
    for (const { size, open } of spaces) {
      const send_ = await command(open, send, reps);
      const list_ = await command(open, list, reps);
      if (round >= 0) {
        samples.get(size).send.push(send_);
        samples.get(size).list.push(list_);
      }
    }
  }
  return Object.fromEntries(
    [...samples].map(([size, { send: a, list: b }]) => [
      size,
      { send: percentile(a, 50), list: percentile(b, 50) },
    ]),
  );
}

/** Everything, on both engines. */
export async function spacetimeBench({ quick }) {
  const n = quick ? 300 : 1000;
  const latencyN = quick ? 100 : 300;
  const [small, large] = [1_000, quick ? 10_000 : 100_000];
  const reps = quick ? 4 : 8;
  const log = (text) => process.stderr.write(text + '\n');
  const result = { spacetime: {}, embedded: {}, sizes: [small, large] };

  log('  SpacetimeDB (test server)…');
  const servers = [await startServer(), await startServer()];
  try {
    const [first, second] = servers;
    const target = (server) => ({ host: server.url, database: 'spaces' });
    const owner = await openSpace({ ...target(first), token: first.token });
    const reader = await openSpace({ ...target(first), token: await newToken(first.url) });
    const logs = (await owner.channel('agent-logs')).id;
    result.spacetime.calls = await calls(owner, logs, n);
    result.spacetime.latency = await pushLatency(owner, reader, logs, latencyN);
    await reader.close();
    await owner.close();
    const spaces = [];
    for (const [server, size] of [
      [first, small],
      [second, large],
    ]) {
      log(`    filling to ${size} messages…`);
      const filler = await openSpace({ ...target(server), token: server.token });
      const channel = (await filler.channel('agent-logs')).id;
      const already = server === first ? 2 * n + latencyN + 20 : 0;
      await fill(filler, channel, already, size);
      await filler.close();
      const token = await newToken(server.url);
      spaces.push({ size, open: () => openSpace({ ...target(server), token }) });
    }
    result.spacetime.sizes = await sizes(spaces, reps);
  } finally {
    for (const server of servers) await server.stop();
  }

  log('  embedded…');
  const hubs = [await freshHub('stdb-a'), await freshHub('stdb-b')];
  try {
    const [hub] = hubs;
    addProfile(hub.home, 'reader');
    const reader = await openSpace({ home: hub.home, as: 'reader' });
    await reader.reducers.set_profile({ name: 'reader', kind: 'agent' });
    const logs = (await hub.space.channel('agent-logs')).id;
    result.embedded.calls = await calls(hub.space, logs, n);
    result.embedded.latency = await pushLatency(hub.space, reader, logs, latencyN);
    await reader.close();
    const spaces = [];
    for (const [h, size] of [
      [hubs[0], small],
      [hubs[1], large],
    ]) {
      const channel = (await h.space.channel('agent-logs')).id;
      await fill(h.space, channel, h === hubs[0] ? 2 * n + latencyN + 20 : 0, size);
      spaces.push({ size, open: () => openSpace({ home: h.home, as: 'owner' }) });
    }
    result.embedded.sizes = await sizes(spaces, reps);
  } finally {
    for (const h of hubs) {
      await h.space.close();
      h.remove();
    }
  }
  return result;
}
