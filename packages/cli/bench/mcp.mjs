// Wake latency of the MCP server's wait_for_messages when another process sends, beside the
// client's own push latency, measured in the same run on the same store.
// - client push: from the writer's send_message returning to a subscriber's handler running in
//   another process (as the client's bench/latency.mjs measures it);
// - MCP wait: from the writer's send_message returning to the wait_for_messages answer reaching
//   the MCP client (the SDK's Client over stdio to `spaces mcp`): the client's push, plus the
//   server's reads, the JSON-RPC answer and the pipe.
// Usage: node bench/mcp.mjs [rounds] [--quick]   (build first: pnpm build)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { addProfile, openSpace } from '@spaces/client';

const quick = process.argv.includes('--quick');
const rounds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? (quick ? 50 : 300));
const WARMUP = 20;
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const now = () => performance.timeOrigin + performance.now();
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const home = mkdtempSync(join(tmpdir(), 'spaces-bench-mcp-'));
for (const name of ['owner', 'writer', 'waiter', 'follower']) addProfile(home, name);
const owner = await openSpace({ home, as: 'owner' });
await owner.createHub({ name: 'owner' });
await owner.close();
const writer = await openSpace({ home, as: 'writer' });
await writer.reducers.set_profile({ name: 'writer', kind: 'agent' });
const general = (await writer.channel('general')).id;
const send = async (text) => {
  await writer.reducers.send_message({ channelId: general, text });
  return now();
};

// Client push: a subscriber process timestamps each message in its handler.
async function clientPush() {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'subscriber.mjs'), home, 'follower'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const seen = new Map();
  let buffer = '';
  let wake = () => {};
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) {
      const [text, at] = line.split(' ');
      seen.set(text, Number(at));
    }
    wake();
  });
  const until = (text) =>
    new Promise((resolve) => {
      wake = () => seen.has(text) && resolve(seen.get(text));
      wake();
    });
  await until('ready');
  const samples = [];
  for (let i = 0; i < rounds + WARMUP; i++) {
    const text = `push-${i}`;
    const sent = await send(text);
    const at = await until(text);
    if (i >= WARMUP) samples.push(at - sent);
    await pause(5);
  }
  child.stdin.end();
  return samples;
}

// MCP wait: one wait_for_messages call per round, answered by the next send.
async function mcpWait() {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, '--home', home, 'mcp', '--as', 'waiter'],
    env: Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('SPACETIMEDB_')),
    ),
    stderr: 'inherit',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  await client.callTool({ name: 'whoami', arguments: {} }); // registers the waiter
  const samples = [];
  for (let i = 0; i < rounds + WARMUP; i++) {
    const text = `wait-${i}`;
    const answer = client.callTool({
      name: 'wait_for_messages',
      arguments: { channel: 'general', timeout_seconds: 30 },
    });
    await pause(30); // ample time for the server to subscribe: the send must wake it, not precede it
    const sent = await send(text);
    const result = await answer;
    const at = now();
    const got = result.structuredContent?.messages?.map((m) => m.text) ?? [];
    if (!got.includes(text))
      throw new Error(`round ${i}: the wait returned ${JSON.stringify(result)}`);
    if (i >= WARMUP) samples.push(at - sent);
  }
  await client.close();
  return samples;
}

try {
  process.stderr.write(`client push, ${rounds} messages…\n`);
  const push = await clientPush();
  process.stderr.write(`MCP wait_for_messages, ${rounds} wake-ups…\n`);
  const wait = await mcpWait();
  const row = (name, s) =>
    `${name.padEnd(44)} p50 ${percentile(s, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(s, 99).toFixed(2).padStart(7)} ms`;
  console.log(`wake latency after another process sends (${rounds} samples each, embedded store)`);
  console.log(row('client push (handler in a subscriber process)', push));
  console.log(row('MCP wait_for_messages (answer at the client)', wait));
} finally {
  await writer.close();
  rmSync(home, { recursive: true, force: true });
}
