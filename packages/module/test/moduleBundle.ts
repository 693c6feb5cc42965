import { fileURLToPath } from 'node:url';
import type { ColumnType, TableName } from '@spaces/core';
import { primaryKeyOf, tables } from '@spaces/core';
import { Identity, Timestamp } from 'spacetimedb';
import type { HostOptions, TestHost } from '@spaces/spacetime-test-server';
import { loadModule } from '@spaces/spacetime-test-server';

/** The bundle `pnpm build` wrote (the global setup builds it before the tests run). */
export const BUNDLE_PATH = fileURLToPath(new URL('../dist/bundle.js', import.meta.url));

/** Loads the built module against a fresh, empty database. */
export function loadSpaces(options: HostOptions = {}): Promise<TestHost> {
  return loadModule(BUNDLE_PATH, options);
}

/** A value read back from the host, in core's representation (hex identity, bigint micros). */
function toCore(type: ColumnType, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (type === 'identity') return (value as { toHexString(): string }).toHexString();
  if (type === 'timestamp') {
    return (value as { microsSinceUnixEpoch: bigint }).microsSinceUnixEpoch;
  }
  return value;
}

/** A value in the `spacetimedb` library's representation, as a client would send it. */
export function toWire(type: ColumnType, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (type === 'identity' && typeof value === 'string') return Identity.fromString(value);
  if (type === 'timestamp' && typeof value === 'bigint') return new Timestamp(value);
  return value;
}

/** Every row of a table in the module, converted to core's rows and sorted by primary key. */
export function hostRows(host: TestHost, table: TableName): Record<string, unknown>[] {
  const decl = tables[table];
  const pk = primaryKeyOf(decl);
  const columns = Object.entries(decl.columns) as [string, { type: ColumnType }][];
  const rows = host
    .rows(table)
    .map((row) =>
      Object.fromEntries(columns.map(([name, col]) => [name, toCore(col.type, row[name])])),
    );
  return rows.sort((a, b) => {
    const x = a[pk] as bigint | string;
    const y = b[pk] as bigint | string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
