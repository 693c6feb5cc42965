import { describe, expect, it } from 'vitest';
import type { ArgDecl, ColumnDecl, ReducerDef } from '@spaces/core';
import { SpacesError, reducers as coreReducers, tables as coreTables } from '@spaces/core';
import { BinaryReader, BinaryWriter, ProductType, SenderError, toSnakeCase } from 'spacetimedb';
import { REMOTE_MODULE, callableReducers } from './bindings.js';
import { SpacetimeSpace } from './space.js';
import { objectFromSpacetime, objectToSpacetime } from './types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type RemoteTable = {
  sourceName: string;
  columns: Record<string, { columnMetadata: { name?: string } }>;
  rowType: { elements: { name: string; algebraicType: { tag: string; value?: any } }[] };
  tableDef: {
    primaryKey: number[];
    sequences: { column: number }[];
    constraints: { data: { value: { columns: number[] } } }[];
    indexes: { accessorName: string }[];
    tableAccess: { tag: string };
  };
};
const remoteTables = Object.values(REMOTE_MODULE.tables as Record<string, RemoteTable>);
const remoteReducers = REMOTE_MODULE.reducers as {
  name: string;
  paramsType: { elements: { name: string; algebraicType: { tag: string; value?: any } }[] };
}[];

/** The algebraic type tag core's declaration must become (identity/timestamp are products). */
function expectedShape(decl: ColumnDecl | ArgDecl): string {
  const base = {
    u64: 'U64',
    u32: 'U32',
    string: 'String',
    json: 'String',
    bool: 'Bool',
    identity: 'Product:__identity__',
    timestamp: 'Product:__timestamp_micros_since_unix_epoch__',
  }[decl.type];
  return decl.optional ? `Option(${base})` : base;
}

function shapeOf(type: { tag: string; value?: any }): string {
  if (type.tag === 'Product') return `Product:${type.value.elements[0].name}`;
  if (type.tag === 'Sum') {
    const some = type.value.variants.find((v: any) => v.name === 'some');
    return `Option(${shapeOf(some.algebraicType)})`;
  }
  return type.tag;
}

describe('SpacetimeDB bindings derived from core', () => {
  it('hold every public table under its canonical name, and no private one', () => {
    expect(remoteTables.map((t) => t.sourceName)).toEqual(
      Object.values(coreTables)
        .filter((t) => t.public)
        .map((t) => t.name),
    );
    expect(remoteTables.map((t) => t.sourceName)).not.toContain('invites');
    expect(remoteTables.every((t) => t.tableDef.tableAccess.tag === 'Public')).toBe(true);
  });

  it('give each table core’s columns, in order, with the mapped types and snake_case names', () => {
    for (const remote of remoteTables) {
      const decl = coreTables[remote.sourceName as keyof typeof coreTables];
      const columns = Object.entries(decl.columns);
      expect(remote.rowType.elements.map((e) => e.name)).toEqual(columns.map(([name]) => name));
      expect(remote.rowType.elements.map((e) => shapeOf(e.algebraicType))).toEqual(
        columns.map(([, c]) => expectedShape(c)),
      );
      for (const [name] of columns) {
        expect(remote.columns[name]!.columnMetadata.name).toBe(toSnakeCase(name));
      }
    }
    expect(coreTables.read_receipts.columns.lastReadMessageId).toBeDefined();
    expect(toSnakeCase('lastReadMessageId')).toBe('last_read_message_id');
  });

  it('carry core’s primary keys, auto-increments, unique constraints and indexes', () => {
    for (const remote of remoteTables) {
      const columns = Object.entries(
        coreTables[remote.sourceName as keyof typeof coreTables].columns,
      ) as [string, ColumnDecl][];
      const at = (pred: (c: ColumnDecl) => boolean | undefined) =>
        columns.flatMap(([, c], i) => (pred(c) ? [i] : []));
      expect(remote.tableDef.primaryKey).toEqual(at((c) => c.primaryKey));
      expect(remote.tableDef.sequences.map((s) => s.column)).toEqual(at((c) => c.autoInc));
      expect(remote.tableDef.constraints.map((c) => c.data.value.columns[0]).sort()).toEqual(
        at((c) => c.primaryKey || c.unique).sort(),
      );
      const indexed = columns
        .filter(([, c]) => c.primaryKey || c.unique || c.index)
        .map(([name]) => name)
        .sort();
      expect(remote.tableDef.indexes.map((i) => i.accessorName).sort()).toEqual(indexed);
    }
  });

  it('hold every client-callable reducer, with core’s argument names, order and types', () => {
    const lifecycle = Object.values(coreReducers as unknown as Record<string, ReducerDef>)
      .filter((r) => r.lifecycle)
      .map((r) => r.name);
    expect(lifecycle.sort()).toEqual(['client_connected', 'client_disconnected', 'init']);
    expect(remoteReducers.map((r) => r.name)).toEqual(callableReducers.map((r) => r.name));
    expect(remoteReducers).toHaveLength(Object.keys(coreReducers).length - 3);
    for (const remote of remoteReducers) {
      const def = callableReducers.find((r) => r.name === remote.name)!;
      const args = Object.entries(def.args);
      expect(remote.paramsType.elements.map((e) => e.name)).toEqual(args.map(([n]) => n));
      expect(remote.paramsType.elements.map((e) => shapeOf(e.algebraicType))).toEqual(
        args.map(([, a]) => expectedShape(a)),
      );
    }
  });

  it('encode reducer calls with the library’s BSATN serializer and read them back unchanged', () => {
    const cases: [string, Record<string, unknown>][] = [
      [
        'send_message',
        { channelId: 42n, text: 'héllo ✓', topicId: undefined, replyTo: 7n, nonce: 'n-1' },
      ],
      ['timeout_user', { identity: 'ab'.repeat(32), until: 1_700_000_000_000_000n }],
      ['set_role', { identity: '0f'.repeat(32), role: 'Moderator' }],
      [
        'create_invite',
        { channelId: undefined, role: 'Member', maxUses: 3, expiresAt: undefined, code: 'c0de-42' },
      ],
    ];
    for (const [name, args] of cases) {
      const def = callableReducers.find((r) => r.name === name)!;
      for (const key of Object.keys(args)) expect(def.args).toHaveProperty(key);
      const paramsType = remoteReducers.find((r) => r.name === name)!.paramsType;
      const writer = new BinaryWriter(64);
      ProductType.makeSerializer(paramsType as any)(writer, objectToSpacetime(def.args, args));
      const bytes = writer.getBuffer();
      const decoded = ProductType.makeDeserializer(paramsType as any)(new BinaryReader(bytes));
      expect(objectFromSpacetime(def.args, decoded as Record<string, unknown>)).toEqual(args);
    }
  });

  it('encode a message row (identity, timestamp, options) and read it back unchanged', () => {
    const remote = remoteTables.find((t) => t.sourceName === 'messages')!;
    const row = {
      id: 9n,
      channelId: 1n,
      sender: 'cd'.repeat(32),
      kind: 'Text',
      text: 'hi',
      topicId: undefined,
      replyTo: 3n,
      nonce: undefined,
      webhookId: undefined,
      webhookName: undefined,
      sentAt: 1_700_000_000_123_456n,
      editedAt: undefined,
      editHistory: '[]',
    };
    const writer = new BinaryWriter(128);
    ProductType.makeSerializer(remote.rowType as any)(
      writer,
      objectToSpacetime(coreTables.messages.columns, row),
    );
    const back = ProductType.makeDeserializer(remote.rowType as any)(
      new BinaryReader(writer.getBuffer()),
    );
    expect(
      objectFromSpacetime(coreTables.messages.columns, back as Record<string, unknown>),
    ).toEqual(row);
  });
});

describe('SpacetimeDB space calls', () => {
  function spaceOver(callReducerWithParams: (...args: any[]) => Promise<void>) {
    const fake = { callReducerWithParams, db: {}, disconnect() {} };
    const Ctor = SpacetimeSpace as unknown as new (c: unknown, id: string) => SpacetimeSpace;
    return new Ctor(fake, 'ee'.repeat(32));
  }

  it('sends converted arguments under the canonical reducer name', async () => {
    const sent: any[] = [];
    const space = spaceOver(async (...args) => void sent.push(args));
    await space.reducers.set_role({ identity: 'ab'.repeat(32), role: 'Admin' });
    expect(sent[0][0]).toBe('set_role');
    expect(sent[0][2].identity.toHexString()).toBe('ab'.repeat(32));
  });

  it('turns the module’s SenderError back into core’s typed error', async () => {
    const space = spaceOver(() =>
      Promise.reject(new SenderError('not_found: no channel with id 9')),
    );
    const call = space.reducers.send_message({ channelId: 9n, text: 'x' });
    await expect(call).rejects.toBeInstanceOf(SpacesError);
    await expect(call).rejects.toMatchObject({
      code: 'not_found',
      message: 'no channel with id 9',
    });
  });

  it('refuses bad arguments and lifecycle reducers before sending anything', async () => {
    let calls = 0;
    const space = spaceOver(async () => void calls++);
    await expect(space.call('send_message', { channelId: 1n } as never)).rejects.toMatchObject({
      code: 'invalid_argument',
      message: 'argument "text" is required',
    });
    await expect(space.reducers.init({})).rejects.toThrow(/lifecycle reducer/);
    await expect(space.verify()).rejects.toThrow(/embedded engine only/);
    expect(calls).toBe(0);
  });
});

describe('SpacetimeDB space reads and changes', () => {
  /** A stand-in for the SDK connection: a client cache per table and its row callbacks. */
  function fakeConnection() {
    const tables: Record<string, any> = {};
    for (const decl of Object.values(coreTables).filter((t) => t.public)) {
      const rows: any[] = [];
      const on: Record<string, ((...a: any[]) => void)[]> = { insert: [], update: [], delete: [] };
      tables[decl.name] = {
        rows,
        on,
        iter: () => rows[Symbol.iterator](),
        onInsert: (cb: any) => on.insert!.push(cb),
        onUpdate: (cb: any) => on.update!.push(cb),
        onDelete: (cb: any) => on.delete!.push(cb),
      };
    }
    const connection = {
      db: tables,
      subscriptionBuilder: () => ({
        onApplied(cb: () => void) {
          this.applied = cb;
          return this;
        },
        onError() {
          return this;
        },
        subscribe(queries: string[]) {
          connection.queries = queries;
          (this as any).applied();
        },
        applied: undefined as any,
      }),
      queries: [] as string[],
      disconnect() {},
    };
    return connection;
  }

  const me = 'ee'.repeat(32);
  const sdkMessage = (id: bigint, text: string) =>
    objectToSpacetime(coreTables.messages.columns, {
      id,
      channelId: 1n,
      sender: me,
      kind: 'Text',
      text,
      sentAt: 5n,
      editHistory: '[]',
    });

  it('subscribes to every public table and reads core rows from the cache', async () => {
    const conn = fakeConnection();
    conn.db.messages.rows.push(sdkMessage(1n, 'a'), sdkMessage(2n, 'b'), sdkMessage(3n, 'c'));
    conn.db.channels.rows.push(
      objectToSpacetime(coreTables.channels.columns, {
        id: 1n,
        name: 'general',
        kind: 'Text',
        description: '',
        private: false,
        createdBy: me,
        createdAt: 5n,
        updatedAt: 5n,
      }),
    );
    const space = await SpacetimeSpace.over(conn as any, me);
    expect(conn.queries).toContain('SELECT * FROM read_receipts');
    expect(conn.queries).not.toContain('SELECT * FROM webhooks');
    const page = await space.messages(1n, { limit: 2, before: 3n });
    expect(page.map((m) => [m.id, m.text, m.sender, m.sentAt, m.topicId])).toEqual([
      [2n, 'b', me, 5n, undefined],
      [1n, 'a', me, 5n, undefined],
    ]);
  });

  it('turns row callbacks into numbered changes in core’s form', async () => {
    const conn = fakeConnection();
    const space = await SpacetimeSpace.over(conn as any, me);
    const seen: any[] = [];
    const sub = space.subscribe({ tables: ['messages'] }, (c) => seen.push(c));
    await sub.ready;
    const on = conn.db.messages.on;
    on.insert[0]({ event: { tag: 'Transaction' } }, sdkMessage(7n, 'new'));
    on.update[0]({}, sdkMessage(7n, 'new'), sdkMessage(7n, 'edited'));
    on.delete[0]({}, sdkMessage(7n, 'edited'));
    expect(seen.map((c) => [c.seq, c.op, c.row.text, c.row.sender])).toEqual([
      [1n, 'insert', 'new', me],
      [2n, 'update', 'edited', me],
      [3n, 'delete', 'edited', me],
    ]);
    expect(seen[1].old.text).toBe('new');
    expect(sub.seq).toBe(3n);
  });
});
