/**
 * Two processes, two identities, one SpacetimeDB (the test server, in this process): one
 * subscribes, the other sends; then the subscriber stops and resumes from its seq in a new
 * process. The workers run the built package, as programs do.
 */
import { fileURLToPath } from 'node:url';
import { startTestServer, type RunningServer } from '@spaces/spacetime-test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSpace } from '../src/index.js';
import { startWorker, type Worker } from './processes.js';

let server: RunningServer;
const workers: Worker[] = [];

beforeAll(async () => {
  server = await startTestServer({
    module: fileURLToPath(new URL('../../module', import.meta.url)),
  });
});
afterAll(() => server.close());
afterEach(() => {
  for (const w of workers.splice(0)) if (w.child.exitCode === null) w.child.kill('SIGKILL');
});

function start(name: string, args: string[]): Worker {
  const worker = startWorker(name, args);
  workers.push(worker);
  return worker;
}

async function newToken(): Promise<string> {
  const res = await fetch(`${server.url}/v1/identity`, { method: 'POST' });
  return ((await res.json()) as { token: string }).token;
}

describe('two processes on the SpacetimeDB engine', () => {
  it('pushes every message one process sends to another process’s subscription, then resumes', async () => {
    const owner = await openSpace({
      host: server.url,
      database: 'spaces',
      token: server.owner.token,
    });
    const channel = (await owner.channel('agent-logs'))!.id;
    await owner.close();
    const [writerToken, readerToken] = [await newToken(), await newToken()];
    // The subscriber stops after 30 of the 50 messages, printing where it stopped.
    const first = start('subscriber', [server.url, readerToken, '50', '', '30']);
    await first.waitFor((line) => line === 'ready');
    const writer = start('writer', [server.url, writerToken, String(channel), '50', 'w']);
    const stopped = JSON.parse(await first.waitFor((line) => line.startsWith('{'))) as {
      ids: string[];
      seqs: string[];
      seq: string;
    };
    expect((await writer.exited).code).toBe(0);
    const acks = writer.lines.filter((l) => l.startsWith('ok ')).map((l) => l.split(' ')[2]!);
    expect(acks).toHaveLength(50);
    // Every receipt carries the commit's seq; the subscriber saw the first 30, in order.
    expect(stopped.seqs).toEqual(acks.slice(0, 30));
    expect(stopped.seq).toBe(acks[29]);
    // A new process, the same identity, resuming from where the first stopped.
    const second = start('subscriber', [server.url, readerToken, '20', stopped.seq]);
    const resumed = JSON.parse(await second.waitFor((line) => line.startsWith('{'))) as {
      seqs: string[];
    };
    expect(resumed.seqs).toEqual(acks.slice(30));
  });
});
