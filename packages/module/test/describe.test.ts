import type { TableDecl } from '@spaces/core';
import { reducers, tables as coreTables } from '@spaces/core';
import { cursorTables } from '@spaces/spacetime';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleDescription } from '@spaces/spacetime-test-server';
import { loadSpaces } from './moduleBundle.js';

let description: ModuleDescription;

/** Core's 13 tables, then the module's commit-sequence tables. */
const tables: Record<string, TableDecl> = { ...coreTables, ...cursorTables };

beforeAll(async () => {
  description = (await loadSpaces()).describe();
});

describe('the built bundle, loaded in the host', () => {
  it('describes the 13 tables of core and the 3 cursor tables, with their visibility and columns', () => {
    expect(description.tables.map((t) => t.name).sort()).toEqual(Object.keys(tables).sort());
    expect(description.tables).toHaveLength(16);
    for (const t of description.tables) {
      const decl = tables[t.name]!;
      expect(t.sourceName, t.name).toBe(decl.name);
      expect(t.public, t.name).toBe(decl.public);
      expect(
        t.columns.map((c) => c.name),
        t.name,
      ).toEqual(Object.keys(decl.columns));
    }
  });

  it('gives every table its primary key, unique columns, auto-increment and indexes', () => {
    for (const t of description.tables) {
      const cols = Object.entries(tables[t.name]!.columns) as [
        string,
        { primaryKey?: boolean; unique?: boolean; autoInc?: boolean; index?: boolean },
      ][];
      const where = (test: (c: (typeof cols)[number][1]) => unknown) =>
        cols.filter(([, c]) => test(c)).map(([name]) => name);
      expect(t.primaryKey, t.name).toEqual(where((c) => c.primaryKey));
      expect(t.uniqueConstraints.map((u) => u.join()).sort(), t.name).toEqual(
        where((c) => c.primaryKey || c.unique).sort(),
      );
      expect(
        t.sequences.map((s) => s.column),
        t.name,
      ).toEqual(where((c) => c.autoInc));
      const indexed = t.indexes.map((i) => i.columns.join()).sort();
      expect(indexed, t.name).toEqual(where((c) => c.primaryKey || c.unique || c.index).sort());
      for (const i of t.indexes) expect(i.accessor, `${t.name}.${i.name}`).toBe(i.columns[0]);
    }
  });

  it('publishes the optional columns as options and json as strings', () => {
    const messages = description.tables.find((t) => t.name === 'messages')!;
    const type = (name: string) => messages.columns.find((c) => c.name === name)?.typeName;
    expect(type('topicId')).toBe('Option<u64>');
    expect(type('sender')).toBe('Identity');
    expect(type('sentAt')).toBe('Timestamp');
    expect(type('editHistory')).toBe('string');
  });

  it('exports every core reducer under its canonical name, and nothing else', () => {
    expect(description.reducers.map((r) => r.name).sort()).toEqual(Object.keys(reducers).sort());
  });

  it('makes init, client_connected and client_disconnected the lifecycle reducers', () => {
    expect(description.lifecycle).toEqual({
      init: 'init',
      clientConnected: 'client_connected',
      clientDisconnected: 'client_disconnected',
    });
  });

  it('takes each reducer’s parameters from core’s argument declaration', () => {
    for (const r of description.reducers) {
      const def = reducers[r.name as keyof typeof reducers];
      // SpacetimeDB's lifecycle reducers take no arguments (init's optional Owner profile is the
      // embedded store's; at publish the Owner sets a profile after).
      const decl = (def.lifecycle ? {} : def.args) as Record<string, { optional?: boolean }>;
      expect(
        r.params.map((p) => p.name),
        r.name,
      ).toEqual(Object.keys(decl));
      for (const p of r.params) {
        expect(p.typeName.startsWith('Option<'), `${r.name}.${p.name}`).toBe(
          decl[p.name]!.optional === true,
        );
      }
    }
    const sendMessage = description.reducers.find((r) => r.name === 'send_message')!;
    expect(sendMessage.params.map((p) => `${p.name}: ${p.typeName}`)).toContain('channelId: u64');
  });
});
