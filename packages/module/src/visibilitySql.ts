import type { TableName, TableVisibility, VisibilityRule } from '@spaces/core';
import { VISIBILITY, primaryKeyOf, tables } from '@spaces/core';

/**
 * Core's `VISIBILITY`, as SpacetimeDB enforces it. A public table gets one row-level-security
 * filter per rule (SpacetimeDB ORs a table's filters, and expands the tables a filter joins with
 * their own filters, so a message follows its channel's rule). A private table (its rows hold a
 * secret's hash, or a rule looks at the reader's role, which no equality join can express) stays
 * private and is read through a view that runs core's own read query for `ctx.sender`.
 */

/** SpacetimeDB's canonical (snake_case) name of a core column, as SQL refers to it. */
export function sqlName(column: string): string {
  return column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The row-level-security SQL of one rule of a public table. */
export function ruleSql(table: TableName, rule: VisibilityRule): string {
  const col = (c: string) => `${table}.${sqlName(c)}`;
  switch (rule.kind) {
    case 'equals':
      return `SELECT * FROM ${table} WHERE ${col(rule.column)} = ${String(rule.value)}`;
    case 'reader':
      return `SELECT * FROM ${table} WHERE ${col(rule.column)} = :sender`;
    case 'member':
      // The reader's own membership of the row's channel, and the reader not banned.
      return (
        `SELECT ${table}.* FROM ${table} ` +
        `JOIN members AS viewer ON ${col(rule.column)} = viewer.channel_id ` +
        `JOIN roles AS standing ON viewer.identity = standing.identity ` +
        `WHERE viewer.identity = :sender AND standing.banned = false`
      );
    case 'via': {
      const pk = sqlName(primaryKeyOf(tables[rule.table]));
      return (
        `SELECT ${table}.* FROM ${table} ` +
        `JOIN ${rule.table} ON ${col(rule.column)} = ${rule.table}.${pk}`
      );
    }
    case 'everyone':
    case 'role':
      throw new TypeError(`${table}: a ${rule.kind} rule is not a row filter`);
  }
}

/** The tables whose every row every reader sees: published without a filter. */
function seenByAll(visibility: TableVisibility): boolean {
  return visibility.anyOf.some((rule) => rule.kind === 'everyone');
}

/**
 * Every row-level-security filter of the module, derived from `VISIBILITY`: for each public table
 * not seen by all, one filter per rule.
 */
export function visibilityFilters(): string[] {
  const out: string[] = [];
  for (const name of Object.keys(tables) as TableName[]) {
    const visibility: TableVisibility = VISIBILITY[name];
    if (!tables[name].public || seenByAll(visibility)) continue;
    if (visibility.hidden?.length) {
      throw new TypeError(`${name} is public but hides columns: make it private (a view reads it)`);
    }
    for (const rule of visibility.anyOf) out.push(ruleSql(name, rule));
  }
  return out;
}

/** The private tables, each read through a view named `visible_<table>`. */
export const VIEWED_TABLES = (Object.keys(tables) as TableName[]).filter(
  (name) => !tables[name].public,
);

/** The columns of a private table's view: all but its hidden ones. */
export function viewColumns(table: TableName): string[] {
  const hidden: readonly string[] = (VISIBILITY[table] as TableVisibility).hidden ?? [];
  return Object.keys(tables[table].columns).filter((name) => !hidden.includes(name));
}
