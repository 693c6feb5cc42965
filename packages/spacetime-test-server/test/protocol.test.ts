/**
 * The real `spacetimedb` SDK against the test server: identities and tokens, calls and their
 * errors, subscriptions and the updates other connections cause, lifecycle reducers.
 */
import type { Identity } from 'spacetimedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index.js';
import {
  LIBRARY,
  LIBRARY_MODULE,
  VISIBILITY,
  VISIBILITY_MODULE,
  connect,
  eventually,
  serve,
} from './sdk.js';

let server: RunningServer;
beforeAll(async () => {
  server = await serve(VISIBILITY);
});
afterAll(() => server.close());

describe('HTTP routes', () => {
  it('answers ping, issues identities, and swaps a token for a short-lived one', async () => {
    expect((await fetch(`${server.url}/v1/ping`)).status).toBe(200);
    const created = (await (
      await fetch(`${server.url}/v1/identity`, { method: 'POST' })
    ).json()) as {
      identity: string;
      token: string;
    };
    expect(created.identity).toMatch(/^[0-9a-f]{64}$/);
    const ws = await fetch(`${server.url}/v1/identity/websocket-token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.token}` },
    });
    expect(ws.status).toBe(200);
    const refused = await fetch(`${server.url}/v1/identity/websocket-token`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(refused.status).toBe(401);
    expect((await fetch(`${server.url}/v1/nothing`)).status).toBe(404);
  });
});

describe('connecting with the SDK', () => {
  it('gives an anonymous client a new identity and a token that brings it back', async () => {
    const first = await connect(server, VISIBILITY_MODULE);
    await first.close();
    const again = await connect(server, VISIBILITY_MODULE, first.token);
    expect(again.identity.toHexString()).toBe(first.identity.toHexString());
    await again.close();
  });

  it('connects with a token from POST /v1/identity as that identity', async () => {
    const { identity, token } = (await (
      await fetch(`${server.url}/v1/identity`, { method: 'POST' })
    ).json()) as { identity: string; token: string };
    const client = await connect(server, VISIBILITY_MODULE, token);
    expect(client.identity.toHexString()).toBe(identity);
    await client.close();
  });

  it('refuses a forged token and an unknown database', async () => {
    await expect(connect(server, VISIBILITY_MODULE, 'x.y.z')).rejects.toThrow();
    await expect(
      connect({ url: server.url, database: 'nope' }, VISIBILITY_MODULE),
    ).rejects.toThrow();
  });
});

describe('calls and subscriptions', () => {
  it('delivers initial rows, then each commit of another connection, filtered by WHERE', async () => {
    const owner = await connect(server, VISIBILITY_MODULE, server.owner.token);
    const writer = await connect(server, VISIBILITY_MODULE);
    await owner.subscribe(['SELECT * FROM note WHERE channel = 7']);
    await writer.call('post', { channel: 7, text: 'first' });
    await writer.call('post', { channel: 8, text: 'elsewhere' });
    await eventually(() => owner.rows('note').length === 1, 'the first note');
    const late = await connect(server, VISIBILITY_MODULE, server.owner.token);
    await late.subscribe(['SELECT * FROM note WHERE channel = 7']);
    expect(late.rows('note').map((n) => n.text)).toEqual(['first']);
    await writer.call('post', { channel: 7, text: 'second' });
    await eventually(() => late.rows('note').length === 2, 'the second note');
    expect(
      owner
        .rows('note')
        .map((n) => n.text)
        .sort(),
    ).toEqual(['first', 'second']);
    for (const c of [owner, writer, late]) await c.close();
  });

  it('rejects a failed call with the SenderError text and changes nothing', async () => {
    const client = await connect(server, VISIBILITY_MODULE, server.owner.token);
    await client.subscribe(['SELECT * FROM note']);
    const before = client.rows('note').length;
    await expect(client.call('post', { channel: 1, text: '' })).rejects.toMatchObject({
      name: 'SenderError',
      message: 'empty note',
    });
    await expect(client.call('missing_reducer', { name: 'x' })).rejects.toThrow(/no such reducer/);
    expect(client.rows('note')).toHaveLength(before);
    await client.close();
  });

  it('refuses bad queries and private tables with an error naming the problem', async () => {
    const client = await connect(server, VISIBILITY_MODULE);
    await expect(client.subscribe(['SELECT * FROM nowhere'])).rejects.toThrow(
      /no table or view named "nowhere"/,
    );
    await expect(client.subscribe(['SELECT * FROM note WHERE channel = '])).rejects.toThrow(
      /expected a column or a value/,
    );
    await expect(client.subscribe(['SELECT * FROM audit'])).rejects.toThrow(/audit is private/);
    await expect(
      client.subscribe(['SELECT n.* FROM note n JOIN account a ON n.text = a.name']),
    ).rejects.toThrow(/indexed columns only/);
    const owner = await connect(server, VISIBILITY_MODULE, server.owner.token);
    await owner.subscribe(['SELECT * FROM audit']);
    await client.close();
    await owner.close();
  });

  it('runs a subscription join on indexed columns', async () => {
    const writer = await connect(server, VISIBILITY_MODULE, server.owner.token);
    await writer.call('register', { name: 'joiner', level: 4 });
    await writer.call('post', { channel: 40, text: 'by joiner' });
    const reader = await connect(server, VISIBILITY_MODULE, server.owner.token);
    await reader.subscribe([
      `SELECT a.* FROM account a JOIN note n ON a.identity = n.author WHERE n.channel = 40`,
    ]);
    expect(reader.rows('account').map((a) => a.name)).toEqual(['joiner']);
    await writer.close();
    await reader.close();
  });

  it('stops updates after unsubscribing, and drops the rows from the cache', async () => {
    const reader = await connect(server, VISIBILITY_MODULE, server.owner.token);
    const writer = await connect(server, VISIBILITY_MODULE);
    const sub = await reader.subscribe(['SELECT * FROM note WHERE channel = 50']);
    await writer.call('post', { channel: 50, text: 'one' });
    await eventually(() => reader.rows('note').length === 1, 'the note');
    await sub.unsubscribe();
    expect(reader.rows('note')).toHaveLength(0);
    await writer.call('post', { channel: 50, text: 'two' });
    const probe = await connect(server, VISIBILITY_MODULE, server.owner.token);
    await probe.subscribe(['SELECT * FROM note WHERE channel = 50']);
    expect(probe.rows('note')).toHaveLength(2);
    expect(reader.rows('note')).toHaveLength(0);
    for (const c of [reader, writer, probe]) await c.close();
  });
});

describe('lifecycle reducers', () => {
  it('runs client_connected when a socket opens and client_disconnected when it closes', async () => {
    const library = await serve(LIBRARY, 'library');
    try {
      const watcher = await connect({ url: library.url, database: 'library' }, LIBRARY_MODULE);
      await watcher.subscribe(['SELECT * FROM visitor']);
      const guest = await connect({ url: library.url, database: 'library' }, LIBRARY_MODULE);
      const row = () =>
        watcher.rows('visitor').find((v) => (v.identity as Identity).isEqual(guest.identity));
      await eventually(() => row()?.online === true, 'the guest online');
      await guest.close();
      await eventually(() => row()?.online === false, 'the guest offline');
      expect(row()?.visits).toBe(1);
      await watcher.close();
    } finally {
      await library.close();
    }
  });
});
