import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../api.js';
import { openSpace } from '../open.js';

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('connecting to SpacetimeDB', () => {
  it('rejects an unreachable host at once with a ConnectionError, printing nothing', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const failure = await openSpace({ host, database: 'spaces' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConnectionError);
    expect(failure).toMatchObject({
      class: 'connection',
      code: 'connection',
      message: `cannot connect to ${host}/spaces: ECONNREFUSED`,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
