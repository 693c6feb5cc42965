/**
 * The in-memory datastore behind the syscalls: tables of BSATN rows with set semantics,
 * unique constraints, auto-increment sequences and ordered indexes, plus the undo log that
 * makes one reducer call atomic.
 *
 * Every operation either completes or throws a {@link HostError} having changed nothing, as
 * the real datastore does, because module code may catch the error and carry on.
 */
import {
  BsatnDecodeError,
  bytesKey,
  compareTuples,
  isZero,
  readU32,
  writeInt,
  type ValueOps,
} from './bsatn.js';
import type { IndexSchema, ModuleSchema, TableSchema } from './schema.js';

/** Error numbers of the module ABI (`spacetimedb_primitives::errno`). */
export const Errno = {
  HOST_CALL_FAILURE: 1,
  NOT_IN_TRANSACTION: 2,
  BSATN_DECODE_ERROR: 3,
  NO_SUCH_TABLE: 4,
  NO_SUCH_INDEX: 5,
  NO_SUCH_ITER: 6,
  NO_SUCH_CONSOLE_TIMER: 7,
  UNIQUE_ALREADY_EXISTS: 12,
  INDEX_NOT_UNIQUE: 14,
  NO_SUCH_ROW: 15,
  AUTO_INC_OVERFLOW: 16,
} as const;

/** The messages SpacetimeDB gives each error number (`strerror`), which is all a module sees. */
export const ERRNO_MESSAGES: Readonly<Record<number, string>> = {
  1: 'ABI called by host returned an error',
  2: 'ABI call can only be made while in a transaction',
  3: "Couldn't decode the BSATN to the expected type",
  4: 'No such table',
  5: 'No such index',
  6: 'The provided row iterator is not valid',
  7: 'The provided console timer does not exist',
  12: 'Value with given unique identifier already exists',
  14: 'The index was not unique',
  15: 'The row was not found, e.g., in an update call',
  16: 'The auto-increment sequence overflowed',
};

/**
 * A syscall failure with an ABI error number; the syscall layer throws the module's error
 * class for the number with SpacetimeDB's message. `detail` is for the test host's log only.
 */
export class HostError extends Error {
  constructor(
    readonly code: number,
    readonly detail?: string,
  ) {
    super(ERRNO_MESSAGES[code] ?? 'Unknown error');
  }
}

/** One row as stored: its bytes, and the keys it occupies, kept so deletion needs no re-parsing. */
interface RowRecord {
  readonly bytes: Uint8Array;
  readonly key: string;
  readonly uniqueKeys: readonly string[];
  readonly indexKeys: readonly Uint8Array[];
}

/** Entries `(key, rowId)` kept sorted by key (in SATS order), then by row id. */
class SortedIndex {
  keys: Uint8Array[] = [];
  ids: number[] = [];

  constructor(private readonly ops: readonly ValueOps[]) {}

  private compare(i: number, key: Uint8Array, id: number): number {
    const d = compareTuples(this.ops, this.ops.length, this.keys[i]!, key);
    return d !== 0 ? d : this.ids[i]! - id;
  }

  private position(key: Uint8Array, id: number): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(mid, key, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: Uint8Array, id: number): void {
    const i = this.position(key, id);
    this.keys.splice(i, 0, key);
    this.ids.splice(i, 0, id);
  }

  remove(key: Uint8Array, id: number): void {
    const i = this.position(key, id);
    if (this.ids[i] !== id) throw new Error('index out of sync with table');
    this.keys.splice(i, 1);
    this.ids.splice(i, 1);
  }

  /** First position whose key satisfies `pred`, which must be false then true along the order. */
  private first(pred: (key: Uint8Array) => boolean): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.keys[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Row ids, in index order, of keys at or above `reachedLower` and not yet `passedUpper`. */
  scan(
    reachedLower: (key: Uint8Array) => boolean,
    passedUpper: (key: Uint8Array) => boolean,
  ): number[] {
    const from = this.first(reachedLower);
    const to = this.first(passedUpper);
    return from < to ? this.ids.slice(from, to) : [];
  }

  /** How many keys `scan` would return, without collecting them. */
  count(
    reachedLower: (key: Uint8Array) => boolean,
    passedUpper: (key: Uint8Array) => boolean,
  ): number {
    return Math.max(0, this.first(passedUpper) - this.first(reachedLower));
  }

  rebuild(entries: { key: Uint8Array; id: number }[]): void {
    entries.sort((x, y) => compareTuples(this.ops, this.ops.length, x.key, y.key) || x.id - y.id);
    this.keys = entries.map((e) => e.key);
    this.ids = entries.map((e) => e.id);
  }
}

/** The rows of one table. Row ids are slots: scan order is insertion order. */
class TableStore {
  rows: (RowRecord | undefined)[] = [];
  live = 0;
  byKey = new Map<string, number>();
  readonly uniques: Map<string, number>[];
  readonly indexes: SortedIndex[];
  readonly seqNext: bigint[];
  /** Positions in `schema.sequences`, by column: generated values are written back in column order. */
  readonly seqOrder: number[];

  constructor(readonly schema: TableSchema) {
    this.uniques = schema.uniques.map(() => new Map());
    this.indexes = schema.indexes.map((ix) => new SortedIndex(ix.keyOps));
    this.seqNext = schema.sequences.map((s) => s.info.start);
    this.seqOrder = schema.sequences
      .map((_, i) => i)
      .sort((a, b) => schema.sequences[a]!.column - schema.sequences[b]!.column);
  }

  attach(id: number, rec: RowRecord): void {
    this.rows[id] = rec;
    this.live++;
    this.byKey.set(rec.key, id);
    rec.uniqueKeys.forEach((k, i) => this.uniques[i]!.set(k, id));
    rec.indexKeys.forEach((k, i) => this.indexes[i]!.insert(k, id));
  }

  detach(id: number): RowRecord {
    const rec = this.rows[id];
    if (!rec) throw new Error(`row ${id} is not live`);
    this.rows[id] = undefined;
    this.live--;
    this.byKey.delete(rec.key);
    rec.uniqueKeys.forEach((k, i) => this.uniques[i]!.delete(k));
    rec.indexKeys.forEach((k, i) => this.indexes[i]!.remove(k, id));
    return rec;
  }

  liveIds(): number[] {
    const ids: number[] = [];
    this.rows.forEach((r, i) => {
      if (r) ids.push(i);
    });
    return ids;
  }

  /** Drops the holes deleted rows leave, once they outnumber live rows; ids are renumbered. */
  compact(): void {
    const holes = this.rows.length - this.live;
    if (holes < 1024 || holes < this.live) return;
    const recs = this.rows.filter((r): r is RowRecord => r !== undefined);
    this.rows = recs;
    this.byKey = new Map(recs.map((r, i) => [r.key, i]));
    this.uniques.forEach((m, u) => {
      m.clear();
      recs.forEach((r, i) => m.set(r.uniqueKeys[u]!, i));
    });
    this.indexes.forEach((ix, x) =>
      ix.rebuild(recs.map((r, i) => ({ key: r.indexKeys[x]!, id: i }))),
    );
  }
}

type UndoEntry =
  | { readonly kind: 'insert'; readonly table: TableStore; readonly id: number }
  | {
      readonly kind: 'delete';
      readonly table: TableStore;
      readonly id: number;
      readonly rec: RowRecord;
    }
  | {
      readonly kind: 'sequence';
      readonly table: TableStore;
      readonly seq: number;
      readonly next: bigint;
    };

/** Net row changes of one committed call in one table, as BSATN rows. */
export interface RawTableChange {
  readonly table: TableSchema;
  readonly inserted: Uint8Array[];
  readonly deleted: Uint8Array[];
}

export interface StoreOptions {
  /**
   * Roll auto-increment sequences back with the call that used them. SpacetimeDB does not:
   * a value taken by a failed call is skipped. Off by default, as there.
   */
  readonly rollBackSequences?: boolean;
}

const NOTHING = new Uint8Array(0);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const decodeError = (what: string) => new HostError(Errno.BSATN_DECODE_ERROR, what);

/** Offsets of each column inside a row, plus the end; throws if the bytes are not exactly one row. */
function columnOffsets(schema: TableSchema, bytes: Uint8Array): number[] {
  const offs = [0];
  let o = 0;
  try {
    for (const ops of schema.columnOps) offs.push((o = ops.skip(bytes, o)));
  } catch (e) {
    if (e instanceof BsatnDecodeError)
      throw decodeError(`row of ${schema.info.name}: ${e.message}`);
    throw e;
  }
  if (o !== bytes.length)
    throw decodeError(`row of ${schema.info.name}: ${bytes.length - o} trailing bytes`);
  return offs;
}

function project(bytes: Uint8Array, offs: readonly number[], cols: readonly number[]): Uint8Array {
  if (cols.length === 1) return bytes.subarray(offs[cols[0]!]!, offs[cols[0]! + 1]!);
  return concat(cols.map((c) => bytes.subarray(offs[c]!, offs[c + 1]!)));
}

/** Checks that `buf` holds exactly `ops.length` values; returns their end offsets. */
function checkTuple(ops: readonly ValueOps[], buf: Uint8Array, what: string): void {
  let o = 0;
  try {
    for (const op of ops) o = op.skip(buf, o);
  } catch (e) {
    if (e instanceof BsatnDecodeError) throw decodeError(`${what}: ${e.message}`);
    throw e;
  }
  if (o !== buf.length) throw decodeError(`${what}: ${buf.length - o} trailing bytes`);
}

/** The tables of one module instance. */
export class Store {
  readonly tables = new Map<number, TableStore>();
  private undo: UndoEntry[] = [];
  private inTx = false;

  constructor(
    readonly schema: ModuleSchema,
    private readonly options: StoreOptions = {},
  ) {
    for (const t of schema.tables) this.tables.set(t.info.id, new TableStore(t));
  }

  get inTransaction(): boolean {
    return this.inTx;
  }

  begin(): void {
    if (this.inTx) throw new Error('a transaction is already open');
    this.inTx = true;
    this.undo = [];
  }

  /** Makes the call's changes permanent and returns them, net, per table. */
  commit(): RawTableChange[] {
    const changes = this.netChanges();
    for (const t of this.tables.values()) {
      // Event tables only carry rows to subscribers of the transaction that inserted them.
      if (t.schema.info.isEvent) for (const id of t.liveIds()) t.detach(id);
      t.compact();
    }
    this.undo = [];
    this.inTx = false;
    return changes;
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) {
      const u = this.undo[i]!;
      if (u.kind === 'insert') u.table.detach(u.id);
      else if (u.kind === 'delete') u.table.attach(u.id, u.rec);
      else u.table.seqNext[u.seq] = u.next;
    }
    this.undo = [];
    this.inTx = false;
  }

  private netChanges(): RawTableChange[] {
    const inserted = new Map<TableStore, Set<number>>();
    const deleted = new Map<TableStore, Uint8Array[]>();
    for (const u of this.undo) {
      if (u.kind === 'insert') {
        let s = inserted.get(u.table);
        if (!s) inserted.set(u.table, (s = new Set()));
        s.add(u.id);
      } else if (u.kind === 'delete') {
        if (inserted.get(u.table)?.delete(u.id)) continue;
        let d = deleted.get(u.table);
        if (!d) deleted.set(u.table, (d = []));
        d.push(u.rec.bytes);
      }
    }
    const out: RawTableChange[] = [];
    for (const t of this.tables.values()) {
      const ins = [...(inserted.get(t) ?? [])].map((id) => t.rows[id]!.bytes);
      const del = deleted.get(t) ?? [];
      if (ins.length > 0 || del.length > 0)
        out.push({ table: t.schema, inserted: ins, deleted: del });
    }
    return out;
  }

  private requireTx(): void {
    if (!this.inTx && !this.reading) throw new HostError(Errno.NOT_IN_TRANSACTION);
  }

  private reading = false;

  /** Runs `read` with read access between transactions: the test server's queries. */
  read<T>(read: () => T): T {
    const was = this.reading;
    this.reading = true;
    try {
      return read();
    } finally {
      this.reading = was;
    }
  }

  tableIdFromName(name: string): number {
    this.requireTx();
    const t = this.schema.tablesByName.get(name);
    if (!t) throw new HostError(Errno.NO_SUCH_TABLE, `table named ${name}`);
    return t.info.id;
  }

  indexIdFromName(name: string): number {
    this.requireTx();
    const ix = this.schema.indexesByName.get(name);
    if (!ix) throw new HostError(Errno.NO_SUCH_INDEX, `index named ${name}`);
    return ix.info.id;
  }

  table(tableId: number): TableStore {
    this.requireTx();
    const t = this.tables.get(tableId);
    if (!t) throw new HostError(Errno.NO_SUCH_TABLE, `table id ${tableId}`);
    return t;
  }

  index(indexId: number): IndexSchema {
    this.requireTx();
    const ix = this.schema.indexesById.get(indexId);
    if (!ix) throw new HostError(Errno.NO_SUCH_INDEX, `index id ${indexId}`);
    return ix;
  }

  private detach(t: TableStore, id: number): void {
    const rec = t.detach(id);
    this.undo.push({ kind: 'delete', table: t, id, rec });
  }

  private attachNew(t: TableStore, rec: RowRecord): void {
    const id = t.rows.length;
    t.attach(id, rec);
    this.undo.push({ kind: 'insert', table: t, id });
  }

  /** Fills zero-valued auto-increment columns of `bytes` in place; returns the values written, encoded. */
  private generate(
    t: TableStore,
    bytes: Uint8Array,
    offs: readonly number[],
    skipCols: readonly number[] = [],
  ): Uint8Array {
    if (t.seqOrder.length === 0) return NOTHING;
    const written: Uint8Array[] = [];
    for (const i of t.seqOrder) {
      const s = t.schema.sequences[i]!;
      const off = offs[s.column]!;
      if (skipCols.includes(s.column) || !isZero(bytes, off, s.size)) continue;
      const value = t.seqNext[i]!;
      if (value > s.info.max || value < s.info.min) {
        throw new HostError(
          Errno.AUTO_INC_OVERFLOW,
          `sequence on ${t.schema.info.name}.${s.info.column}`,
        );
      }
      if (this.options.rollBackSequences)
        this.undo.push({ kind: 'sequence', table: t, seq: i, next: value });
      t.seqNext[i] = value + s.info.increment;
      writeInt(bytes, off, s.size, value);
      written.push(bytes.slice(off, off + s.size));
    }
    return concat(written);
  }

  private record(t: TableStore, bytes: Uint8Array, offs: readonly number[]): RowRecord {
    return {
      bytes,
      key: bytesKey(bytes),
      uniqueKeys: t.schema.uniques.map((cols) => bytesKey(project(bytes, offs, cols))),
      indexKeys: t.schema.indexes.map((ix) => project(bytes, offs, ix.columns)),
    };
  }

  private checkUnique(t: TableStore, rec: RowRecord, except?: number): void {
    rec.uniqueKeys.forEach((k, i) => {
      const holder = t.uniques[i]!.get(k);
      if (holder !== undefined && holder !== except) {
        const cols = t.schema.info.uniqueConstraints[i]!.join(', ');
        throw new HostError(
          Errno.UNIQUE_ALREADY_EXISTS,
          `unique constraint on ${t.schema.info.name} (${cols})`,
        );
      }
    });
  }

  /**
   * Inserts a row; zero auto-increment columns get the next sequence value. Returns those
   * generated values, BSATN-encoded in column order (what the host writes back to the module).
   * Inserting a row equal to an existing one changes nothing, as in SpacetimeDB.
   */
  insert(tableId: number, row: Uint8Array): Uint8Array {
    const t = this.table(tableId);
    const bytes = row.slice();
    const offs = columnOffsets(t.schema, bytes);
    const generated = this.generate(t, bytes, offs);
    const rec = this.record(t, bytes, offs);
    if (t.byKey.has(rec.key)) return generated;
    this.checkUnique(t, rec);
    this.attachNew(t, rec);
    return generated;
  }

  /** Replaces the row with the same key in unique index `indexId` by `row`. */
  update(tableId: number, indexId: number, row: Uint8Array): Uint8Array {
    const t = this.table(tableId);
    const ix = this.index(indexId);
    if (ix.table !== t.schema)
      throw new HostError(
        Errno.NO_SUCH_INDEX,
        `index ${ix.info.name} is not on ${t.schema.info.name}`,
      );
    const u = t.schema.uniques.findIndex(
      (cols) => cols.length === ix.columns.length && cols.every((c) => ix.columns.includes(c)),
    );
    if (u < 0) throw new HostError(Errno.INDEX_NOT_UNIQUE, `index ${ix.info.name}`);
    const bytes = row.slice();
    const offs = columnOffsets(t.schema, bytes);
    const oldId = t.uniques[u]!.get(bytesKey(project(bytes, offs, t.schema.uniques[u]!)));
    if (oldId === undefined)
      throw new HostError(Errno.NO_SUCH_ROW, `update through ${ix.info.name}`);
    const generated = this.generate(t, bytes, offs, ix.columns);
    const rec = this.record(t, bytes, offs);
    if (rec.key === t.rows[oldId]!.key) return generated;
    this.checkUnique(t, rec, oldId);
    this.detach(t, oldId);
    this.attachNew(t, rec);
    return generated;
  }

  count(tableId: number): bigint {
    return BigInt(this.table(tableId).live);
  }

  scanTable(tableId: number): Uint8Array[] {
    const t = this.table(tableId);
    const out: Uint8Array[] = [];
    for (const r of t.rows) if (r) out.push(r.bytes);
    return out;
  }

  private pointIds(indexId: number, point: Uint8Array): { t: TableStore; ids: number[] } {
    const ix = this.index(indexId);
    checkTuple(ix.keyOps, point, `key of index ${ix.info.name}`);
    const t = this.tables.get(ix.table.info.id)!;
    const x = t.indexes[ix.table.indexes.indexOf(ix)]!;
    const n = ix.keyOps.length;
    const ids = x.scan(
      (k) => compareTuples(ix.keyOps, n, k, point) >= 0,
      (k) => compareTuples(ix.keyOps, n, k, point) > 0,
    );
    return { t, ids };
  }

  /**
   * Rows whose first `prefixElems` index columns equal `prefix` and whose next column lies
   * between the bounds `rstart` and `rend` (each a BSATN `Bound`: tag 0 included, 1 excluded,
   * 2 unbounded, then the value); later columns are unconstrained.
   */
  private rangeIds(
    indexId: number,
    prefix: Uint8Array,
    prefixElems: number,
    rstart: Uint8Array,
    rend: Uint8Array,
    countOnly = false,
  ): { t: TableStore; ids: number[]; count?: number } {
    const ix = this.index(indexId);
    const ops = ix.keyOps;
    if (prefixElems >= ops.length)
      throw decodeError(
        `index ${ix.info.name} has ${ops.length} columns, prefix has ${prefixElems}`,
      );
    checkTuple(ops.slice(0, prefixElems), prefix, `prefix of index ${ix.info.name}`);
    const bound = (b: Uint8Array, which: string) => {
      const tag = b[0];
      if (tag === 2 && b.length === 1) return undefined;
      if (tag !== 0 && tag !== 1) throw decodeError(`${which} bound of index ${ix.info.name}`);
      const value = b.subarray(1);
      checkTuple([ops[prefixElems]!], value, `${which} bound of index ${ix.info.name}`);
      return { inclusive: tag === 0, probe: concat([prefix, value]) };
    };
    const lo = bound(rstart, 'start');
    const hi = bound(rend, 'end');
    const n = prefixElems + 1;
    const reachedLower = lo
      ? (k: Uint8Array) => {
          const d = compareTuples(ops, n, k, lo.probe);
          return lo.inclusive ? d >= 0 : d > 0;
        }
      : (k: Uint8Array) => compareTuples(ops, prefixElems, k, prefix) >= 0;
    const passedUpper = hi
      ? (k: Uint8Array) => {
          const d = compareTuples(ops, n, k, hi.probe);
          return hi.inclusive ? d > 0 : d >= 0;
        }
      : (k: Uint8Array) => compareTuples(ops, prefixElems, k, prefix) > 0;
    const t = this.tables.get(ix.table.info.id)!;
    const x = t.indexes[ix.table.indexes.indexOf(ix)]!;
    if (countOnly) return { t, ids: [], count: x.count(reachedLower, passedUpper) };
    return { t, ids: x.scan(reachedLower, passedUpper) };
  }

  /** How many rows {@link scanRange} would return: the test server's queries plan with it. */
  countRange(
    indexId: number,
    prefix: Uint8Array,
    prefixElems: number,
    rstart: Uint8Array,
    rend: Uint8Array,
  ): number {
    return this.rangeIds(indexId, prefix, prefixElems, rstart, rend, true).count ?? 0;
  }

  scanPoint(indexId: number, point: Uint8Array): Uint8Array[] {
    const { t, ids } = this.pointIds(indexId, point);
    return ids.map((id) => t.rows[id]!.bytes);
  }

  scanRange(
    indexId: number,
    prefix: Uint8Array,
    prefixElems: number,
    rstart: Uint8Array,
    rend: Uint8Array,
  ): Uint8Array[] {
    const { t, ids } = this.rangeIds(indexId, prefix, prefixElems, rstart, rend);
    return ids.map((id) => t.rows[id]!.bytes);
  }

  deletePoint(indexId: number, point: Uint8Array): number {
    const { t, ids } = this.pointIds(indexId, point);
    for (const id of ids) this.detach(t, id);
    return ids.length;
  }

  deleteRange(
    indexId: number,
    prefix: Uint8Array,
    prefixElems: number,
    rstart: Uint8Array,
    rend: Uint8Array,
  ): number {
    const { t, ids } = this.rangeIds(indexId, prefix, prefixElems, rstart, rend);
    for (const id of ids) this.detach(t, id);
    return ids.length;
  }

  /** Deletes every row equal to one of `relation`'s, a BSATN array of rows. */
  deleteAllByEq(tableId: number, relation: Uint8Array): number {
    const t = this.table(tableId);
    const n = readU32(relation, 0);
    const rowOps = t.schema.columnOps;
    const rows: Uint8Array[] = [];
    let o = 4;
    for (let i = 0; i < n; i++) {
      const start = o;
      try {
        for (const op of rowOps) o = op.skip(relation, o);
      } catch (e) {
        if (e instanceof BsatnDecodeError)
          throw decodeError(`rows of ${t.schema.info.name}: ${e.message}`);
        throw e;
      }
      rows.push(relation.subarray(start, o));
    }
    let count = 0;
    for (const r of rows) {
      const id = t.byKey.get(bytesKey(r));
      if (id !== undefined) {
        this.detach(t, id);
        count++;
      }
    }
    return count;
  }

  clear(tableId: number): bigint {
    const t = this.table(tableId);
    const ids = t.liveIds();
    for (const id of ids) this.detach(t, id);
    return BigInt(ids.length);
  }

  /** Rows of a table outside any transaction, for assertions. */
  snapshot(table: TableSchema): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const r of this.tables.get(table.info.id)!.rows) if (r) out.push(r.bytes);
    return out;
  }
}
