/**
 * Running a bound query over the rows a {@link RowSource} gives, for one client: which rows of
 * the returned table it yields, after row-level security. Relations are bound one at a time,
 * each through the narrowest access the conditions allow (an index point or range, else a
 * scan), so the cost follows the rows a query touches rather than the size of the tables.
 */
import type { Cond, Operand, Plan, Source } from './plan.js';
import type { RowLevelSecurity } from './rls.js';
import type { Key } from './values.js';
import { compareKeys } from './values.js';

/** One row: its BSATN bytes, a key for sets, and each column's comparable value. */
export interface Row {
  readonly bytes: Uint8Array;
  readonly key: string;
  readonly values: readonly Key[];
}

/** One end of an index range. */
export interface Bound {
  readonly key: Key;
  readonly inclusive: boolean;
}

/** Where rows come from. */
export interface RowSource {
  /** Every row of a table or view. */
  scan(source: Source): readonly Row[];
  /**
   * Rows whose column lies between the bounds, through an index that starts with the column;
   * undefined when there is no such index.
   */
  seek(
    source: Source,
    col: number,
    lo: Bound | undefined,
    hi: Bound | undefined,
  ): readonly Row[] | undefined;
  /** How many rows {@link seek} would return, without reading them; undefined without an index. */
  count(
    source: Source,
    col: number,
    lo: Bound | undefined,
    hi: Bound | undefined,
  ): number | undefined;
  /** How many rows {@link scan} would return. */
  size(source: Source): number;
}

/** Who is asking, and the answers already known while one update is computed. */
export interface EvalContext {
  readonly sender: bigint;
  /** The database owner sees every row: row-level security does not apply to them. */
  readonly bypassRls: boolean;
  readonly rows: RowSource;
  readonly rls: RowLevelSecurity;
  /** Visibility already decided, by table and row key. */
  readonly visible: Map<string, Map<string, boolean>>;
}

/** A fresh context; reuse one across the queries of one update, never across updates. */
export function evalContext(
  rows: RowSource,
  rls: RowLevelSecurity,
  sender: bigint,
  bypassRls: boolean,
): EvalContext {
  return { sender, bypassRls, rows, rls, visible: new Map() };
}

/** The distinct rows a query returns to this client, by row key. */
export function run(plan: Plan, ctx: EvalContext): Map<string, Row> {
  const out = new Map<string, Row>();
  solve(plan, ctx, new Array(plan.relvars.length), undefined, (bound) => {
    const row = bound[plan.ret]!;
    out.set(row.key, row);
    return false;
  });
  return out;
}

/** Whether the query returns this row (a row of its returned relation) to this client. */
export function returns(plan: Plan, ctx: EvalContext, row: Row): boolean {
  const bound: (Row | undefined)[] = new Array(plan.relvars.length);
  bound[plan.ret] = row;
  if (!visibleIn(plan, plan.ret, row, ctx, undefined)) return false;
  if (!conditionsHold(plan, plan.ret, bound, ctx)) return false;
  let found = false;
  solve(plan, ctx, bound, undefined, () => (found = true));
  return found;
}

/** Whether a row of a table is visible to the client under the table's rules. */
export function visible(table: string, row: Row, ctx: EvalContext): boolean {
  if (ctx.bypassRls) return true;
  const rules = ctx.rls.rulesFor(table);
  if (rules.length === 0) return true;
  let memo = ctx.visible.get(table);
  if (!memo) ctx.visible.set(table, (memo = new Map()));
  const known = memo.get(row.key);
  if (known !== undefined) return known;
  let seen = false;
  for (const rule of rules) {
    const bound: (Row | undefined)[] = new Array(rule.relvars.length);
    bound[rule.ret] = row;
    if (!conditionsHold(rule, rule.ret, bound, ctx)) continue;
    solve(rule, ctx, bound, table, () => (seen = true));
    if (seen) break;
  }
  memo.set(row.key, seen);
  return seen;
}

function visibleIn(
  plan: Plan,
  rel: number,
  row: Row,
  ctx: EvalContext,
  unexpanded: string | undefined,
): boolean {
  const source = plan.relvars[rel]!.source;
  if (source.kind !== 'table' || source.name === unexpanded) return true;
  return visible(source.name, row, ctx);
}

/**
 * Binds the unbound relations one by one (narrowest first), calling `found` with each full
 * binding that satisfies every condition and every relation's visibility; `found` returning
 * true stops the search.
 */
function solve(
  plan: Plan,
  ctx: EvalContext,
  bound: (Row | undefined)[],
  unexpanded: string | undefined,
  found: (bound: readonly (Row | undefined)[]) => boolean | void,
): boolean {
  const open = plan.relvars.map((_, i) => i).filter((i) => bound[i] === undefined);
  if (open.length === 0) return found(bound) === true;
  let best: { rel: number; access: Access } | undefined;
  for (const rel of open) {
    const access = candidates(plan, rel, bound, ctx);
    if (!best || access.count < best.access.count) best = { rel, access };
    if (best.access.count <= 1) break;
  }
  const rel = best!.rel;
  const rows = best!.access.rows();
  for (const row of rows) {
    bound[rel] = row;
    if (
      conditionsHold(plan, rel, bound, ctx) &&
      visibleIn(plan, rel, row, ctx, unexpanded) &&
      solve(plan, ctx, bound, unexpanded, found)
    ) {
      bound[rel] = undefined;
      return true;
    }
  }
  bound[rel] = undefined;
  return false;
}

/** The conditions that involve `rel` and only bound relations hold. */
function conditionsHold(
  plan: Plan,
  rel: number,
  bound: readonly (Row | undefined)[],
  ctx: EvalContext,
): boolean {
  for (const c of plan.conjuncts) {
    // Conditions on no relation at all (`TRUE`, `1 = 1`) are checked with every row.
    if (c.rels.length > 0 && (!c.rels.includes(rel) || c.rels.some((r) => bound[r] === undefined)))
      continue;
    if (!holds(c, bound, ctx.sender)) return false;
  }
  return true;
}

function valueOf(o: Operand, bound: readonly (Row | undefined)[], sender: bigint): Key {
  switch (o.kind) {
    case 'column':
      return bound[o.rel]!.values[o.col];
    case 'const':
      return o.key;
    case 'sender':
      return sender;
  }
}

function holds(c: Cond, bound: readonly (Row | undefined)[], sender: bigint): boolean {
  switch (c.kind) {
    case 'bool':
      return c.value;
    case 'and':
      return holds(c.left, bound, sender) && holds(c.right, bound, sender);
    case 'or':
      return holds(c.left, bound, sender) || holds(c.right, bound, sender);
    case 'not':
      return !holds(c.inner, bound, sender);
    case 'compare': {
      const d = compareKeys(valueOf(c.left, bound, sender), valueOf(c.right, bound, sender));
      if (d === undefined) return false;
      switch (c.op) {
        case '=':
          return d === 0;
        case '<>':
          return d !== 0;
        case '<':
          return d < 0;
        case '<=':
          return d <= 0;
        case '>':
          return d > 0;
        case '>=':
          return d >= 0;
      }
    }
  }
}

const FLIP = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/**
 * The rows `rel` may take given what is bound: through the narrowest index access that a
 * top-level condition `rel.col op value` allows (value a literal, `:sender` or a bound column),
 * else every row.
 */
interface Access {
  /** How many rows it gives (known before reading them). */
  readonly count: number;
  rows(): readonly Row[];
}

function candidates(
  plan: Plan,
  rel: number,
  bound: readonly (Row | undefined)[],
  ctx: EvalContext,
): Access {
  const source = plan.relvars[rel]!.source;
  const ranges = new Map<number, { lo?: Bound; hi?: Bound; point?: boolean }>();
  for (const c of plan.conjuncts) {
    if (c.kind !== 'compare' || c.op === '<>') continue;
    for (const [mine, other, op] of [
      [c.left, c.right, c.op],
      [c.right, c.left, FLIP[c.op]],
    ] as const) {
      if (mine.kind !== 'column' || mine.rel !== rel) continue;
      if (other.kind === 'column' && (other.rel === rel || bound[other.rel] === undefined))
        continue;
      const key = valueOf(other, bound, ctx.sender);
      if (key === undefined) continue;
      const r = ranges.get(mine.col) ?? {};
      if (op === '=') {
        r.lo = r.hi = { key, inclusive: true };
        r.point = true;
      } else if (!r.point) {
        const b = { key, inclusive: op === '<=' || op === '>=' };
        if (op === '>' || op === '>=') r.lo = b;
        else r.hi = b;
      }
      ranges.set(mine.col, r);
    }
  }
  // The narrowest index access, counted before any row is read.
  let best: { col: number; lo?: Bound; hi?: Bound; count: number } | undefined;
  for (const [col, r] of ranges) {
    const count = ctx.rows.count(source, col, r.lo, r.hi);
    if (count !== undefined && (!best || count < best.count)) best = { col, ...r, count };
  }
  const scan: Access = {
    count: source.kind === 'table' ? ctx.rows.size(source) : ctx.rows.scan(source).length,
    rows: () => ctx.rows.scan(source),
  };
  if (!best) return scan;
  const { col, lo, hi, count } = best;
  return { count, rows: () => ctx.rows.seek(source, col, lo, hi) ?? scan.rows() };
}
