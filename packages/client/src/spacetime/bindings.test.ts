import { describe, expect, it } from 'vitest';
import type { ArgDecl, ColumnDecl, ReducerDef } from '@spaces/core';
import { reducers as coreReducers, tables as coreTables } from '@spaces/core';
import { BinaryReader, BinaryWriter, ProductType, toSnakeCase } from 'spacetimedb';
import { REMOTE_MODULE, callableReducers } from './bindings.js';
import { objectFromSpacetime, objectToSpacetime } from '@spaces/spacetime';

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
/** The module's own tables (the commit sequence) and views of private tables. */
const extraNames = [
  'commit_head',
  'message_seq',
  'last_call',
  'visible_invites',
  'visible_webhooks',
];
const allRemote = Object.values(REMOTE_MODULE.tables as Record<string, RemoteTable>);
const remoteTables = allRemote.filter((t) => !extraNames.includes(t.sourceName));
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

  it('read each private table through its view, whose rows never carry a hash', () => {
    const names = (name: string) =>
      allRemote.find((t) => t.sourceName === name)!.rowType.elements.map((e) => e.name);
    expect(names('visible_invites')).toEqual(
      Object.keys(coreTables.invites.columns).filter((c) => c !== 'codeHash'),
    );
    expect(names('visible_webhooks')).toEqual(
      Object.keys(coreTables.webhooks.columns).filter((c) => c !== 'tokenHash'),
    );
    expect(allRemote.map((t) => t.sourceName)).toEqual(expect.arrayContaining(extraNames));
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
