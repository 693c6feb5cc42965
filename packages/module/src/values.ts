import type { ColumnType } from '@spaces/core';
import { Identity, Timestamp } from 'spacetimedb';

/**
 * Converts one value from core's representation to SpacetimeDB's: identities are 64-character
 * hex strings in core and `Identity` objects in SpacetimeDB; timestamps are bigint microseconds
 * in core and `Timestamp` objects in SpacetimeDB. `undefined` (an absent optional) passes
 * through, because SpacetimeDB's TypeScript `option` is also `T | undefined`.
 */
export function toSpacetime(type: ColumnType, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (type) {
    case 'identity':
      return Identity.fromString(value as string);
    case 'timestamp':
      return new Timestamp(value as bigint);
    default:
      return value;
  }
}

/** The inverse of {@link toSpacetime}. */
export function fromSpacetime(type: ColumnType, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (type) {
    case 'identity':
      return (value as Identity).toHexString();
    case 'timestamp':
      return (value as Timestamp).microsSinceUnixEpoch;
    default:
      return value;
  }
}

/** Converts every declared field of an object with {@link toSpacetime}. */
export function objectToSpacetime(
  types: Readonly<Record<string, { readonly type: ColumnType }>>,
  input: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(types)) out[name] = toSpacetime(decl.type, input[name]);
  return out;
}

/** Converts every declared field of an object with {@link fromSpacetime}. */
export function objectFromSpacetime(
  types: Readonly<Record<string, { readonly type: ColumnType }>>,
  input: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(types)) {
    out[name] = fromSpacetime(decl.type, input[name]);
  }
  return out;
}
