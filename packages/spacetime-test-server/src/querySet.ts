/**
 * One client's query set (a `Subscribe` message's queries): the rows each query returns to that
 * client, kept so every commit can be answered with exactly the rows that entered or left.
 * A commit that changes only the returned table of a query is answered row by row; one that
 * changes anything else the query reads (a joined table, a table its row-level security reads,
 * a view) re-runs the query and compares.
 */
import { BinaryWriter } from 'spacetimedb';
import type { Row } from './sql/evaluate.js';
import { returns, run, type EvalContext } from './sql/evaluate.js';
import type { Plan } from './sql/plan.js';
import type { RowLevelSecurity } from './sql/rls.js';
import type { QueryRows, RowList, TableUpdate } from './protocol.js';

/** A commit's row changes in one table or view, as stored rows. */
export interface SourceChange {
  readonly inserted: readonly Row[];
  readonly deleted: readonly Row[];
  /** Event-table rows exist only for the commit: they are delivered, never kept. */
  readonly event?: boolean;
}

interface QueryState {
  readonly plan: Plan;
  /** Names of the tables whose changes may change this query's rows for this client. */
  readonly reads: ReadonlySet<string>;
  /** Whether a change to the returned table can be decided row by row. */
  readonly rowByRow: boolean;
  readonly readsViews: boolean;
  rows: Map<string, Row>;
}

/** Rows entering and leaving one source, for one query set. */
interface Delta {
  inserted: Map<string, Row>;
  deleted: Map<string, Row>;
  events: Row[];
}

export class QuerySet {
  private readonly queries: QueryState[];

  constructor(
    readonly id: number,
    plans: readonly Plan[],
    rls: RowLevelSecurity,
    bypassRls: boolean,
  ) {
    this.queries = plans.map((plan) => {
      const ret = plan.relvars[plan.ret]!.source;
      const reads = new Set<string>();
      let retCount = 0;
      for (const r of plan.relvars) {
        if (r.source.kind !== 'table') continue;
        reads.add(r.source.name);
        if (r.source.name === ret.name) retCount++;
        if (!bypassRls) for (const dep of rls.dependencies(r.source.name)) reads.add(dep);
      }
      const viaRules =
        !bypassRls && [...plan.relvars].some((r) => rls.dependencies(r.source.name).has(ret.name));
      return {
        plan,
        reads,
        rowByRow: ret.kind === 'table' && retCount === 1 && !viaRules,
        readsViews: plan.relvars.some((r) => r.source.kind === 'view'),
        rows: new Map(),
      };
    });
  }

  /** Runs every query for the first time; returns the rows, by source, as `SubscribeApplied` carries them. */
  start(ctx: EvalContext): QueryRows {
    for (const q of this.queries) q.rows = run(q.plan, ctx);
    return this.current();
  }

  /** Every row the set holds (once each), by source, as `UnsubscribeApplied` returns them. */
  current(): QueryRows {
    const bySource = new Map<string, Map<string, Row>>();
    for (const q of this.queries) {
      const name = q.plan.relvars[q.plan.ret]!.source.name;
      const all = bySource.get(name) ?? new Map<string, Row>();
      for (const [k, row] of q.rows) all.set(k, row);
      bySource.set(name, all);
    }
    return {
      tables: [...bySource].map(([table, rows]) => ({ table, rows: rowList([...rows.values()]) })),
    };
  }

  /**
   * Brings every query up to date after a commit and returns the table updates this client
   * receives for the set (none when nothing it sees changed).
   */
  update(changes: ReadonlyMap<string, SourceChange>, ctx: EvalContext): TableUpdate[] {
    const deltas = new Map<string, Delta>();
    const delta = (name: string) => {
      let d = deltas.get(name);
      if (!d) deltas.set(name, (d = { inserted: new Map(), deleted: new Map(), events: [] }));
      return d;
    };
    const before = new Map<QueryState, Map<string, Row>>();
    for (const q of this.queries) {
      const retName = q.plan.relvars[q.plan.ret]!.source.name;
      const touched = q.readsViews || [...q.reads].some((t) => changes.has(t));
      if (!touched) continue;
      before.set(q, q.rows);
      const mine = changes.get(retName);
      const onlyMine = [...q.reads].every((t) => t === retName || !changes.has(t));
      if (mine?.event) {
        for (const row of mine.inserted)
          if (returns(q.plan, ctx, row)) delta(retName).events.push(row);
        continue;
      }
      if (q.rowByRow && onlyMine && mine) {
        const next = new Map(q.rows);
        for (const row of mine.deleted) next.delete(row.key);
        for (const row of mine.inserted) if (returns(q.plan, ctx, row)) next.set(row.key, row);
        q.rows = next;
      } else {
        q.rows = run(q.plan, ctx);
      }
    }
    // A row enters the set when no query held it before and one does now; it leaves when one
    // held it before and none does now (queries of one set may overlap).
    const holders = (name: string, key: string, when: 'before' | 'after') =>
      this.queries.some(
        (q) =>
          q.plan.relvars[q.plan.ret]!.source.name === name &&
          (when === 'before' ? (before.get(q) ?? q.rows) : q.rows).has(key),
      );
    for (const [q, old] of before) {
      const name = q.plan.relvars[q.plan.ret]!.source.name;
      for (const [key, row] of q.rows)
        if (!old.has(key) && !holders(name, key, 'before')) delta(name).inserted.set(key, row);
      for (const [key, row] of old)
        if (!q.rows.has(key) && !holders(name, key, 'after')) delta(name).deleted.set(key, row);
    }
    const updates: TableUpdate[] = [];
    for (const [tableName, d] of deltas) {
      if (d.events.length > 0)
        updates.push({
          tableName,
          rows: [{ tag: 'EventTable', value: { events: rowList(d.events) } }],
        });
      if (d.inserted.size + d.deleted.size > 0)
        updates.push({
          tableName,
          rows: [
            {
              tag: 'PersistentTable',
              value: {
                inserts: rowList([...d.inserted.values()]),
                deletes: rowList([...d.deleted.values()]),
              },
            },
          ],
        });
    }
    return updates;
  }
}

/** Rows as a `BsatnRowList`: their bytes back to back, with each row's offset. */
export function rowList(rows: readonly Row[]): RowList {
  const writer = new BinaryWriter(256);
  const offsets: bigint[] = [];
  let offset = 0;
  for (const row of rows) {
    offsets.push(BigInt(offset));
    writer.writeBytes(row.bytes);
    offset += row.bytes.length;
  }
  return { sizeHint: { tag: 'RowOffsets', value: offsets }, rowsData: writer.getBuffer().slice() };
}
