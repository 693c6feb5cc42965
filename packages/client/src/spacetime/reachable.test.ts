import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError } from '../api.js';
import { reachable } from './reachable.js';

let server: Server | undefined;

/**
 * A server that answers a connection's first `answered` requests and closes it, unanswered, on
 * the next: as a server does that drops an idle kept-alive connection just as a request arrives.
 */
async function closingServer(answered: number) {
  const served = new WeakMap<Socket, number>();
  const counts = { closed: 0 };
  server = createServer((req, res) => {
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    if (n <= answered) return void res.end('ok');
    counts.closed += 1;
    req.socket.destroy();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { host: `http://127.0.0.1:${(server.address() as { port: number }).port}`, counts };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('reachable', () => {
  it('pings again on a fresh connection when the server closes a kept-alive one under it', async () => {
    const { host, counts } = await closingServer(1);
    // An earlier request of this process (the SDK's identity request, say), read to its end,
    // leaves its connection in fetch's pool once fetch has taken it back, which takes a moment;
    // the ping then goes out on it and the server closes it. Until that has happened once.
    for (let attempt = 0; attempt < 50 && counts.closed === 0; attempt++) {
      expect(await (await fetch(host)).text()).toBe('ok');
      await sleep(20 * (attempt + 1));
      await expect(reachable(host, 'test', 30_000)).resolves.toBeUndefined();
    }
    expect(counts.closed).toBeGreaterThan(0);
  });

  it('still says the host cannot be reached when every connection is closed unanswered', async () => {
    const { host } = await closingServer(0);
    const failure = reachable(host, 'the test host', 30_000);
    await expect(failure).rejects.toBeInstanceOf(ConnectionError);
    await expect(failure).rejects.toThrow(/cannot connect to the test host: UND_ERR_SOCKET/);
  });
});
