/**
 * Row-level security as SpacetimeDB resolves it (`crates/expr/src/rls.rs`, and the "Row Level
 * Security" how-to): a module's `clientVisibilityFilter.sql(...)` rules, each a query returning
 * rows of one table. A client other than the database owner sees a row of a table with rules
 * only when at least one rule returns it (rules of one table are OR'ed). Inside a rule, every
 * other table is itself filtered by its own rules (recursively); the rule's own table is not
 * (rules are not self-referential), and rules that depend on each other in a cycle are refused,
 * as publishing such a module fails.
 *
 * SpacetimeDB expands each rule into the query's join tree; evaluating "the row is returned by
 * one of its table's rules" for each candidate row (see evaluate.ts) gives the same rows.
 */
import type { Catalog, Plan } from './plan.js';
import { plan } from './plan.js';
import { SqlError } from './parse.js';

/** The parsed rules of a module, by the canonical name of the table they filter. */
export class RowLevelSecurity {
  private readonly byTable = new Map<string, Plan[]>();
  private readonly closures = new Map<string, ReadonlySet<string>>();

  constructor(catalog: Catalog, rules: readonly string[]) {
    for (const sql of rules) {
      let p: Plan;
      try {
        p = plan(sql, catalog);
      } catch (e) {
        throw new SqlError(`row-level-security rule "${sql}": ${(e as Error).message}`);
      }
      const target = p.relvars[p.ret]!.source;
      if (target.kind !== 'table')
        throw new SqlError(`row-level-security rule "${sql}" returns a view; rules filter tables`);
      const list = this.byTable.get(target.name) ?? [];
      list.push(p);
      this.byTable.set(target.name, list);
    }
    for (const table of this.byTable.keys()) this.checkAcyclic(table, []);
  }

  /** The rules of a table (empty when every row is visible). */
  rulesFor(table: string): readonly Plan[] {
    return this.byTable.get(table) ?? [];
  }

  get size(): number {
    return [...this.byTable.values()].reduce((n, list) => n + list.length, 0);
  }

  /** Tables a rule of `table` reads, other than the rows it returns. */
  private direct(table: string): string[] {
    const out: string[] = [];
    for (const p of this.rulesFor(table))
      p.relvars.forEach((r, i) => {
        if (i !== p.ret) out.push(r.source.name);
      });
    return out;
  }

  private checkAcyclic(table: string, resolving: string[]): void {
    for (const dep of new Set(this.direct(table))) {
      if (dep === table) continue; // a self-join reads the table unfiltered
      if (resolving.includes(dep) || dep === resolving[0])
        throw new SqlError(
          `row-level-security rules are cyclic: ${[...resolving, table, dep].join(' -> ')}`,
        );
      this.checkAcyclic(dep, [...resolving, table]);
    }
  }

  /**
   * Every table whose rows decide which rows of `table` a client sees: the tables its rules
   * join, recursively; the table itself only when a rule joins it again (a self-join).
   */
  dependencies(table: string): ReadonlySet<string> {
    let found = this.closures.get(table);
    if (!found) {
      const out = new Set<string>();
      for (const dep of this.direct(table)) {
        out.add(dep);
        if (dep !== table) for (const d of this.dependencies(dep)) out.add(d);
      }
      found = out;
      this.closures.set(table, found);
    }
    return found;
  }
}
