import type { ArgDecl, ColumnDecl } from '@spaces/core';
import { Identity, Timestamp } from 'spacetimedb';

/** A column or argument declaration: what a value conversion needs to know. */
type Typed = Pick<ColumnDecl | ArgDecl, 'type'>;

/**
 * One value from core's representation to SpacetimeDB's: identities are 64-character hex
 * strings in core and `Identity` objects in SpacetimeDB; timestamps are bigint microseconds in
 * core and `Timestamp` objects there; u32 is a number in both (a bigint is narrowed). An absent
 * optional (`undefined`) passes through: SpacetimeDB's TypeScript `option` is `T | undefined`.
 */
export function toSpacetime(decl: Typed, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (decl.type) {
    case 'identity':
      return Identity.fromString(value as string);
    case 'timestamp':
      return new Timestamp(value as bigint);
    case 'u32':
      return typeof value === 'bigint' ? Number(value) : value;
    default:
      return value;
  }
}

/** The inverse of {@link toSpacetime}: hex identities, bigint microseconds, undefined for none. */
export function fromSpacetime(decl: Typed, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (decl.type) {
    case 'identity':
      return (value as { toHexString(): string }).toHexString();
    case 'timestamp':
      return (value as { microsSinceUnixEpoch: bigint }).microsSinceUnixEpoch;
    default:
      return value;
  }
}

/** Every declared field of a row or argument object, with {@link toSpacetime}. */
export function objectToSpacetime(
  decls: Readonly<Record<string, Typed>>,
  input: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(decls)) out[name] = toSpacetime(decl, input[name]);
  return out;
}

/** Every declared field of a row or argument object, with {@link fromSpacetime}. */
export function objectFromSpacetime(
  decls: Readonly<Record<string, Typed>>,
  input: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(decls)) out[name] = fromSpacetime(decl, input[name]);
  return out;
}
