import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArgsDecl, MemoryState, ReducerName } from '@spaces/core';
import {
  ID_MAX,
  SpacesError,
  TIMESTAMP_MAX,
  applyCall,
  emptyState,
  reducers,
  tables,
} from '@spaces/core';
import { HOSTILE_TEXTS } from '@spaces/core/testing';
import type { Space } from '../api.js';
import { openSpace } from '../open.js';
import { addProfile } from '../profiles.js';
import { storePath } from './store.js';

// Hostile arguments through the client API on a real store, each call also run by core's memory
// engine on the same state. Laws: every call is accepted or refused with a SpacesError (never
// another error); both engines give the same outcome and code; a refused call changes nothing;
// afterwards every read works for every role. FC_RUNS raises the run count.
const RUNS = Number(process.env['FC_RUNS'] ?? 60);
const ROLES = ['owner', 'admin', 'moderator', 'member', 'agent'] as const;
type RoleName = (typeof ROLES)[number];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('ok', 'hello', 'ship-it', 'ça va 👍🏽', 'Online') },
  fc.constantFrom(...HOSTILE_TEXTS, '', '\ud800', 'a\udc00', '\u200b', 'x'.repeat(4001)),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('👍', ':ok:', 'notanemoji', '42', 'Owner', 'task.done@1', '{"task":"x"}'),
  fc.constantFrom(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`, '{"a":1}', '[]'),
);
const id = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 6n }) },
  fc.constantFrom<unknown>(ID_MAX, ID_MAX + 1n, -1n, '18446744073709551615', 2 ** 60, 1.5, 'x'),
);
const time = fc.constantFrom<unknown>(0n, TIMESTAMP_MAX, TIMESTAMP_MAX + 1n, 9e18, -1, 'soon');
const count = fc.constantFrom<unknown>(0, 1, 2 ** 32, -1, 1.5, '3');

/** Hostile arguments for a reducer, by its declaration; sometimes one it does not know. */
function argsFor(decl: ArgsDecl, identities: fc.Arbitrary<string>): fc.Arbitrary<object> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, arg] of Object.entries(decl)) {
    const value =
      arg.type === 'string'
        ? text
        : arg.type === 'u64'
          ? id
          : arg.type === 'u32'
            ? count
            : arg.type === 'timestamp'
              ? time
              : arg.type === 'identity'
                ? fc.oneof(identities, fc.constantFrom('nobody', 'A'.repeat(64)))
                : fc.oneof(fc.boolean(), fc.constant('yes'));
    fields[name] = arg.optional ? fc.option(value, { nil: undefined }) : value;
  }
  return fc
    .tuple(fc.record(fields), fc.option(fc.constant({ extra: 1 }), { freq: 10, nil: {} }))
    .map(([args, extra]) => ({ ...args, ...extra }));
}

let root: string;
const spaces = new Map<RoleName, Space>();
let memory: MemoryState = emptyState();

/** A call as one role on the store and in memory, at the same moment; both outcomes. */
async function both(role: RoleName, reducer: ReducerName, args: object) {
  const space = spaces.get(role)!;
  const mem = applyCall(memory, {
    reducer,
    args,
    sender: space.identity,
    timestamp: BigInt(Date.now()) * 1000n,
  });
  let stored: 'ok' | SpacesError;
  try {
    // `init` is the engine's: a client makes the hub through createHub.
    if (reducer === 'init') await space.createHub(args as { name: string });
    else await space.call(reducer, args as never);
    stored = 'ok';
  } catch (error) {
    // Anything but a SpacesError is a bug.
    expect(error, `${reducer} ${String(error)}`).toBeInstanceOf(SpacesError);
    stored = error as SpacesError;
  }
  if (mem.ok) memory = mem.state;
  return { memory: mem.ok ? 'ok' : mem.error.code, stored: stored === 'ok' ? 'ok' : stored.code };
}

function dump(): string {
  const db = new Database(storePath(join(root, 'home')), { readonly: true });
  try {
    const rows = Object.keys(tables).map((t) => db.prepare(`SELECT * FROM "${t}"`).all());
    return JSON.stringify([rows, db.prepare('SELECT count(*) AS n FROM log').get()], (_k, v) =>
      typeof v === 'bigint' ? v.toString() : (v as unknown),
    );
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'spaces-hostile-'));
  const home = join(root, 'home');
  for (const role of ROLES) {
    addProfile(home, role);
    spaces.set(role, await openSpace({ home, as: role }));
  }
  const setup: Array<[RoleName, ReducerName, object]> = [
    ['owner', 'init', { name: 'owner' }],
    ...ROLES.map((r): [RoleName, ReducerName, object] => [
      r,
      'set_profile',
      { name: r, kind: r === 'agent' ? 'agent' : 'human' },
    ]),
    ['owner', 'set_role', { identity: spaces.get('admin')!.identity, role: 'Admin' }],
    ['owner', 'set_role', { identity: spaces.get('moderator')!.identity, role: 'Moderator' }],
    ['member', 'send_message', { channelId: 1n, text: 'hello' }],
  ];
  for (const [role, reducer, args] of setup) {
    expect(await both(role, reducer, args)).toEqual({ memory: 'ok', stored: 'ok' });
  }
});

afterAll(async () => {
  for (const space of spaces.values()) await space.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the client API under hostile arguments', () => {
  it(
    'refuses alike on the store and in memory, never crashes, and changes nothing when it refuses',
    async () => {
      const identities = fc.constantFrom(...[...spaces.values()].map((s) => s.identity));
      const names = (Object.keys(reducers) as ReducerName[]).filter(
        (r) => !['init', 'client_connected', 'client_disconnected'].includes(r),
      );
      const call = fc
        .constantFrom(...names)
        .chain((reducer) =>
          fc.tuple(
            fc.constantFrom(...ROLES),
            fc.constant(reducer),
            argsFor(reducers[reducer].args, identities),
          ),
        );
      await fc.assert(
        fc.asyncProperty(call, async ([role, reducer, args]) => {
          const before = dump();
          const outcome = await both(role, reducer, args);
          expect(
            outcome.stored,
            `${reducer} ${String(JSON.stringify(args, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)))}`,
          ).toBe(outcome.memory);
          if (outcome.stored !== 'ok') expect(dump()).toBe(before);
        }),
        { numRuns: RUNS },
      );
    },
    60_000 + RUNS * 500,
  );

  it('leaves every read working for every role', async () => {
    for (const space of spaces.values()) {
      for (const table of Object.keys(tables) as (keyof typeof tables)[]) {
        if (tables[table].public) await space.rows(table);
      }
      for (const channel of await space.rows('channels')) {
        await space.messages(channel.id, { limit: 1000 });
        await space.members(channel.id);
        await space.pins(channel.id);
        await space.topics(channel.id);
      }
      await space.events({ limit: 1000 });
      await space.unread();
      await space.invites();
    }
  });
});
