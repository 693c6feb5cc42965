/**
 * Rows for the query engine: a table's rows from the host's datastore, decoded once per stored
 * row (rows are immutable byte arrays, so a decoded row is kept as long as its bytes live), and
 * index ranges through the datastore's own ordered indexes.
 */
import { AlgebraicType, BinaryReader, BinaryWriter } from 'spacetimedb';
import { bytesKey } from '../host/bsatn.js';
import type { Typespace } from '../host/bsatn.js';
import type { Store } from '../host/store.js';
import type { Bound, Row, RowSource } from './evaluate.js';
import type { Source } from './plan.js';
import type { Key, Scalar } from './values.js';
import { keyOf, libraryValue, scalarOf } from './values.js';

/** Turns the BSATN rows of one source into {@link Row}s. */
export class RowDecoder {
  private readonly cache = new WeakMap<Uint8Array, Row>();
  private readonly deserialize: (reader: BinaryReader) => Record<string, unknown>;
  private readonly scalars: (Scalar | undefined)[];
  private readonly names: string[];

  constructor(source: Source, typespace: Typespace) {
    this.deserialize = AlgebraicType.makeDeserializer(source.rowType, typespace) as never;
    this.scalars = source.columns.map((c) => scalarOf(c.type, typespace)?.scalar);
    this.names = source.columns.map((c) => c.name);
  }

  row(bytes: Uint8Array): Row {
    let row = this.cache.get(bytes);
    if (!row) {
      const value = this.decode(bytes);
      const values: Key[] = this.names.map((name, i) => {
        const scalar = this.scalars[i];
        return scalar ? keyOf(value[name], scalar) : undefined;
      });
      row = { bytes, key: bytesKey(bytes), values };
      this.cache.set(bytes, row);
    }
    return row;
  }

  /** The row as the library decodes it (column name to value). */
  decode(bytes: Uint8Array): Record<string, unknown> {
    return this.deserialize(new BinaryReader(bytes));
  }
}

/** A {@link RowSource} over the host's datastore (views have no stored rows: see database.ts). */
export class StoreRows implements RowSource {
  private readonly decoders = new Map<Source, RowDecoder>();
  private readonly keyWriters = new Map<string, (key: Key) => Uint8Array>();

  constructor(
    private readonly store: () => Store,
    private readonly typespace: Typespace,
  ) {}

  decoder(source: Source): RowDecoder {
    let d = this.decoders.get(source);
    if (!d) this.decoders.set(source, (d = new RowDecoder(source, this.typespace)));
    return d;
  }

  scan(source: Source): readonly Row[] {
    if (source.kind === 'view') throw new Error(`view ${source.name} has no stored rows`);
    const d = this.decoder(source);
    const store = this.store();
    return store.read(() => store.scanTable(source.table!.info.id)).map((bytes) => d.row(bytes));
  }

  seek(
    source: Source,
    col: number,
    lo: Bound | undefined,
    hi: Bound | undefined,
  ): readonly Row[] | undefined {
    const range = this.range(source, col, lo, hi);
    if (!range) return undefined;
    const d = this.decoder(source);
    const store = this.store();
    return store
      .read(() => store.scanRange(range.index, new Uint8Array(0), 0, range.lo, range.hi))
      .map((bytes) => d.row(bytes));
  }

  count(
    source: Source,
    col: number,
    lo: Bound | undefined,
    hi: Bound | undefined,
  ): number | undefined {
    const range = this.range(source, col, lo, hi);
    if (!range) return undefined;
    const store = this.store();
    return store.read(() =>
      store.countRange(range.index, new Uint8Array(0), 0, range.lo, range.hi),
    );
  }

  /** The number of rows of a table. */
  size(source: Source): number {
    const store = this.store();
    return Number(store.read(() => store.count(source.table!.info.id)));
  }

  /** The index that starts with the column, and the bounds encoded as the datastore takes them. */
  private range(source: Source, col: number, lo: Bound | undefined, hi: Bound | undefined) {
    if (source.kind !== 'table') return undefined;
    const index = source.table!.indexes.find((ix) => ix.columns[0] === col);
    if (!index) return undefined;
    const encode = this.keyWriter(source, col);
    const bound = (b: Bound | undefined) => {
      if (!b) return Uint8Array.of(2);
      const value = encode(b.key);
      const out = new Uint8Array(value.length + 1);
      out[0] = b.inclusive ? 0 : 1;
      out.set(value, 1);
      return out;
    };
    return { index: index.info.id, lo: bound(lo), hi: bound(hi) };
  }

  private keyWriter(source: Source, col: number): (key: Key) => Uint8Array {
    const id = `${source.name}.${col}`;
    let w = this.keyWriters.get(id);
    if (!w) {
      const type = source.columns[col]!.type;
      const scalar = scalarOf(type, this.typespace)!.scalar;
      const serialize = AlgebraicType.makeSerializer(type, this.typespace);
      w = (key) => {
        const writer = new BinaryWriter(16);
        serialize(writer, libraryValue(key, scalar));
        return writer.getBuffer().slice();
      };
      this.keyWriters.set(id, w);
    }
    return w;
  }
}
