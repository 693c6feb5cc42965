import type { TableName } from '@spaces/core';
import { VISIBILITY, tables } from '@spaces/core';
import { describe, expect, it } from 'vitest';
import { VIEWED_TABLES, sqlName, viewColumns, visibilityFilters } from '../src/visibilitySql.js';

/** The tables a filter's SQL reads, other than the one it filters (the first after FROM). */
function joined(sql: string): { table: string; reads: string[] } {
  const table = /FROM (\w+)/.exec(sql)![1]!;
  const reads = [...sql.matchAll(/JOIN (\w+)/g)].map((m) => m[1]!).filter((t) => t !== table);
  return { table, reads };
}

describe('the module’s visibility, derived from core’s VISIBILITY', () => {
  const filters = visibilityFilters();

  it('filters each public table by its rules, and leaves the ones everyone sees unfiltered', () => {
    const filtered = new Set(filters.map((sql) => joined(sql).table));
    expect([...filtered].sort()).toEqual([
      'channels',
      'events',
      'members',
      'messages',
      'pins',
      'reactions',
      'read_receipts',
      'topics',
    ]);
    expect(filters).toContain('SELECT * FROM channels WHERE channels.private = false');
    expect(filters).toContain(
      'SELECT messages.* FROM messages JOIN channels ON messages.channel_id = channels.id',
    );
    expect(filters).toContain('SELECT * FROM members WHERE members.identity = :sender');
    expect(filters).toContain(
      'SELECT channels.* FROM channels JOIN members AS viewer ON channels.id = viewer.channel_id ' +
        'JOIN roles AS standing ON viewer.identity = standing.identity ' +
        'WHERE viewer.identity = :sender AND standing.banned = false',
    );
  });

  it('names only columns that exist, by their snake_case canonical names', () => {
    const known = new Map<string, Set<string>>(
      Object.values(tables).map((d) => [d.name, new Set(Object.keys(d.columns).map(sqlName))]),
    );
    for (const sql of filters) {
      const aliases = new Map<string, string>();
      for (const m of sql.matchAll(/(?:FROM|JOIN) (\w+)(?: AS (\w+))?/g)) {
        aliases.set(m[2] ?? m[1]!, m[1]!);
      }
      for (const [, alias, column] of sql.matchAll(/(\w+)\.(\w+)/g)) {
        if (column === '*') continue;
        expect(known.get(aliases.get(alias!)!)?.has(column!), `${alias}.${column} in ${sql}`).toBe(
          true,
        );
      }
    }
  });

  it('has no cycle among the tables filters join (SpacetimeDB refuses to publish one)', () => {
    const reads = new Map<string, Set<string>>();
    for (const sql of filters) {
      const { table, reads: r } = joined(sql);
      for (const t of r) (reads.get(table) ?? reads.set(table, new Set()).get(table)!).add(t);
    }
    const visit = (table: string, path: string[]): void => {
      expect(path, `cycle through ${table}`).not.toContain(table);
      for (const next of reads.get(table) ?? []) visit(next, [...path, table]);
    };
    for (const table of reads.keys()) visit(table, []);
  });

  it('reads the private tables through views that leave every hidden column out', () => {
    expect(VIEWED_TABLES).toEqual(['invites', 'webhooks']);
    for (const table of VIEWED_TABLES as TableName[]) {
      const columns = viewColumns(table);
      for (const hidden of (VISIBILITY[table] as { hidden?: readonly string[] }).hidden ?? []) {
        expect(columns, table).not.toContain(hidden);
      }
      expect(columns).toContain('id');
    }
  });
});
