/**
 * Row-level security through the SDK: each client's subscriptions carry only the rows the
 * module's `clientVisibilityFilter.sql` rules let it see, also as those rules' inputs change;
 * the owner sees everything; rules that depend on each other in a cycle refuse the module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index.js';
import { Catalog, RowLevelSecurityForTests, SqlError } from './internals.js';
import { VISIBILITY, VISIBILITY_MODULE, connect, eventually, serve, type Sdk } from './sdk.js';

let server: RunningServer;
let ann: Sdk;
let bob: Sdk;
let cat: Sdk;
beforeAll(async () => {
  server = await serve(VISIBILITY);
  [ann, bob, cat] = (await Promise.all(
    [1, 2, 3].map(() => connect(server, VISIBILITY_MODULE)),
  )) as [Sdk, Sdk, Sdk];
  await ann.call('register', { name: 'ann', level: 1 });
  await bob.call('register', { name: 'bob', level: 1 });
  await cat.call('register', { name: 'cat', level: 2 });
});
afterAll(async () => {
  for (const c of [ann, bob, cat]) await c.close();
  await server.close();
});

const names = (c: Sdk, table = 'account') =>
  c
    .rows(table)
    .map((r) => r.name ?? r.text)
    .sort();

describe('row-level security', () => {
  it('shows each client its own account and those at its level (rules OR’ed, a self-join)', async () => {
    await ann.subscribe(['SELECT * FROM account']);
    await cat.subscribe(['SELECT * FROM account']);
    expect(names(ann)).toEqual(['ann', 'bob']);
    expect(names(cat)).toEqual(['cat']);
  });

  it('follows a change of the rows a rule reads: a new level, a new admin', async () => {
    await cat.call('set_level', { level: 1 });
    await eventually(() => names(cat).length === 3, 'cat to see level 1');
    expect(names(cat)).toEqual(['ann', 'bob', 'cat']);
    await eventually(() => names(ann).length === 3, 'ann to see cat arrive at level 1');
    await cat.call('set_level', { level: 2 });
    await eventually(() => names(cat).length === 1, 'cat to see only itself again');
    await eventually(() => names(ann).length === 2, 'ann to lose cat');
    await ann.call('make_admin', { identity: cat.identity });
    await eventually(() => names(cat).length === 3, 'cat, now admin, to see everyone');
  });

  it('shows notes only of channels the client is a member of, through member’s own rule', async () => {
    await bob.subscribe(['SELECT * FROM note WHERE channel < 100', 'SELECT * FROM member']);
    await ann.call('join', { channel: 1 });
    await ann.call('post', { channel: 1, text: 'for channel 1' });
    await ann.call('post', { channel: 2, text: 'for channel 2' });
    // Bob is in no channel: ann's membership is hers (member's rule), so it opens nothing to him.
    const owner = await connect(server, VISIBILITY_MODULE, server.owner.token);
    await owner.subscribe(['SELECT * FROM note']);
    await eventually(() => owner.rows('note').length === 2, 'the owner to see both notes');
    expect(bob.rows('note')).toEqual([]);
    expect(bob.rows('member')).toEqual([]);
    await bob.call('join', { channel: 1 });
    await eventually(() => names(bob, 'note').length === 1, 'channel 1’s note after joining');
    expect(names(bob, 'note')).toEqual(['for channel 1']);
    await ann.call('post', { channel: 1, text: 'later in 1' });
    await ann.call('post', { channel: 2, text: 'later in 2' });
    await eventually(() => names(bob, 'note').length === 2, 'the later note of channel 1');
    expect(names(bob, 'note')).toEqual(['for channel 1', 'later in 1']);
    await bob.call('leave', { channel: 1 });
    await eventually(() => bob.rows('note').length === 0, 'nothing after leaving');
    // An admin sees every note (the second rule).
    await cat.subscribe(['SELECT * FROM note']);
    expect(cat.rows('note')).toHaveLength(4);
    await owner.close();
  });

  it('is applied inside joins a client subscribes to', async () => {
    const dan = await connect(server, VISIBILITY_MODULE);
    await dan.call('register', { name: 'dan', level: 9 });
    await dan.call('join', { channel: 1 });
    await dan.subscribe(['SELECT a.* FROM account a JOIN note n ON a.identity = n.author']);
    // Ann wrote the notes dan may read, but ann's account is not visible to dan (level 9).
    expect(dan.rows('account')).toEqual([]);
    await dan.close();
  });
});

describe('rules checked at publish', () => {
  it('refuses rules that depend on each other in a cycle, and rules on unknown tables', () => {
    const catalog = new Catalog(server.database.host.internals.schema);
    expect(
      () =>
        new RowLevelSecurityForTests(catalog, [
          'SELECT a.* FROM account a JOIN member m ON a.identity = m.identity',
          'SELECT m.* FROM member m JOIN account a ON a.identity = m.identity',
        ]),
    ).toThrow(/cyclic: account -> member -> account|cyclic: member -> account -> member/);
    expect(() => new RowLevelSecurityForTests(catalog, ['SELECT * FROM ghosts'])).toThrow(SqlError);
    expect(
      () => new RowLevelSecurityForTests(catalog, ['SELECT * FROM note WHERE author = :sender']),
    ).not.toThrow();
  });
});
