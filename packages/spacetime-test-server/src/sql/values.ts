/**
 * Values as the query engine compares them. A row's column, decoded by the `spacetimedb`
 * library, becomes a {@link Key}: integers of every width become bigints, identities,
 * connection ids, timestamps and durations their bigint payload, an empty option `undefined`.
 * SQL literals become the same keys, typed by the column they meet (SpacetimeDB infers a
 * literal's type from its context too). Sum, product and array columns are not comparable,
 * as in SpacetimeDB's SQL.
 */
import { ConnectionId, Identity, Timestamp, type AlgebraicType } from 'spacetimedb';
import type { Typespace } from '../host/bsatn.js';
import { resolveType } from '../host/bsatn.js';
import type { Literal } from './parse.js';
import { SqlError } from './parse.js';

/** A comparable value; `undefined` is an empty option and never compares true. */
export type Key = bigint | number | string | boolean | undefined;

/** The payload field of the library's special product types. */
const SPECIAL: Record<string, string> = {
  __identity__: 'Identity',
  __connection_id__: 'ConnectionId',
  __timestamp_micros_since_unix_epoch__: 'Timestamp',
  __time_duration_micros__: 'TimeDuration',
  __uuid__: 'Uuid',
};

const INT_BITS: Record<string, number> = {
  I8: 8,
  U8: 8,
  I16: 16,
  U16: 16,
  I32: 32,
  U32: 32,
  I64: 64,
  U64: 64,
  I128: 128,
  U128: 128,
  I256: 256,
  U256: 256,
};

/** What kind of value a column holds, for comparisons and literal typing. */
export type Scalar =
  | { kind: 'int'; bits: number; signed: boolean }
  | { kind: 'float' }
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'special'; name: string; field: string };

/** The scalar kind of a column type (looking through options), or undefined if not comparable. */
export function scalarOf(
  type: AlgebraicType,
  typespace: Typespace,
): { scalar: Scalar; optional: boolean } | undefined {
  const ty = resolveType(type, typespace);
  if (ty.tag === 'Sum') {
    const [some, none] = ty.value.variants;
    if (ty.value.variants.length === 2 && some?.name === 'some' && none?.name === 'none') {
      const inner = scalarOf(some.algebraicType, typespace);
      return inner && { scalar: inner.scalar, optional: true };
    }
    return undefined;
  }
  if (ty.tag === 'Product') {
    const els = ty.value.elements;
    const field = els[0]?.name;
    if (els.length === 1 && field && SPECIAL[field])
      return { scalar: { kind: 'special', name: SPECIAL[field]!, field }, optional: false };
    return undefined;
  }
  if (ty.tag === 'Bool') return { scalar: { kind: 'bool' }, optional: false };
  if (ty.tag === 'String') return { scalar: { kind: 'string' }, optional: false };
  if (ty.tag === 'F32' || ty.tag === 'F64') return { scalar: { kind: 'float' }, optional: false };
  const bits = INT_BITS[ty.tag];
  if (bits !== undefined)
    return { scalar: { kind: 'int', bits, signed: ty.tag.startsWith('I') }, optional: false };
  return undefined;
}

/** The key of a value the library decoded, for a column of this scalar kind. */
export function keyOf(value: unknown, scalar: Scalar): Key {
  if (value === undefined || value === null) return undefined;
  switch (scalar.kind) {
    case 'int':
      return typeof value === 'bigint' ? value : BigInt(value as number);
    case 'special':
      return (value as Record<string, bigint>)[scalar.field];
    default:
      return value as Key;
  }
}

/** The library's representation of a key, as its serializer takes it (to encode index keys). */
export function libraryValue(key: Key, scalar: Scalar): unknown {
  if (key === undefined) return undefined;
  switch (scalar.kind) {
    case 'int':
      return scalar.bits <= 32 ? Number(key) : key;
    case 'special':
      if (scalar.name === 'Identity') return new Identity(key as bigint);
      if (scalar.name === 'ConnectionId') return new ConnectionId(key as bigint);
      if (scalar.name === 'Timestamp') return new Timestamp(key as bigint);
      return { [scalar.field]: key };
    default:
      return key;
  }
}

/** Compares two keys of one kind; undefined when either is an empty option. */
export function compareKeys(a: Key, b: Key): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** A literal's key for a column of this scalar kind; throws a SqlError when it cannot be one. */
export function literalKey(literal: Literal, scalar: Scalar, sender: bigint | undefined): Key {
  const mismatch = (): never => {
    throw new SqlError(
      `${describeLiteral(literal)} cannot be compared with a ${scalarName(scalar)} column`,
    );
  };
  if (literal.kind === 'null') return undefined;
  switch (scalar.kind) {
    case 'int': {
      let n: bigint;
      if (literal.kind === 'int') n = parseInteger(literal.text);
      else if (literal.kind === 'hex') n = BigInt(`0x${literal.digits || '0'}`);
      else return mismatch();
      const [min, max] = scalar.signed
        ? [-(1n << BigInt(scalar.bits - 1)), (1n << BigInt(scalar.bits - 1)) - 1n]
        : [0n, (1n << BigInt(scalar.bits)) - 1n];
      if (n < min || n > max)
        throw new SqlError(`${n} is out of range for a ${scalarName(scalar)} column`);
      return n;
    }
    case 'float':
      if (literal.kind === 'int' || literal.kind === 'float') return Number(literal.text);
      return mismatch();
    case 'string':
      return literal.kind === 'string' ? literal.value : mismatch();
    case 'bool':
      return literal.kind === 'bool' ? literal.value : mismatch();
    case 'special': {
      if (literal.kind === 'sender') {
        if (scalar.name !== 'Identity') return mismatch();
        return sender;
      }
      if (literal.kind === 'hex') return BigInt(`0x${literal.digits || '0'}`);
      if (scalar.name === 'Timestamp') {
        if (literal.kind === 'int') return parseInteger(literal.text);
        if (literal.kind === 'string') return parseTimestamp(literal.value);
      }
      if (literal.kind === 'string' && /^(0x)?[0-9a-fA-F]+$/.test(literal.value))
        return BigInt(literal.value.startsWith('0x') ? literal.value : `0x${literal.value}`);
      return mismatch();
    }
  }
}

function parseInteger(text: string): bigint {
  const m = /^([+-]?)(\d+)(?:[eE]\+?(\d+))?$/.exec(text);
  if (!m) throw new SqlError(`${text} is not an integer`);
  const n = BigInt(m[2]!) * 10n ** BigInt(m[3] ?? '0');
  return m[1] === '-' ? -n : n;
}

/** RFC 3339 to microseconds since the epoch, keeping microseconds the way `Date` cannot. */
function parseTimestamp(text: string): bigint {
  const m = /^(.*?T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  const ms = Date.parse(m ? `${m[1]}${m[3]}` : text);
  if (Number.isNaN(ms)) throw new SqlError(`'${text}' is not a timestamp`);
  const fraction = m?.[2] ? BigInt(m[2].padEnd(6, '0').slice(0, 6)) : 0n;
  return BigInt(ms) * 1000n + fraction;
}

function describeLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'int':
    case 'float':
      return literal.text;
    case 'string':
      return `'${literal.value}'`;
    case 'hex':
      return `0x${literal.digits}`;
    case 'bool':
      return String(literal.value).toUpperCase();
    case 'null':
      return 'NULL';
    case 'sender':
      return ':sender';
  }
}

/** A readable name of a scalar kind, for error messages. */
export function scalarName(scalar: Scalar): string {
  switch (scalar.kind) {
    case 'int':
      return `${scalar.signed ? 'i' : 'u'}${scalar.bits}`;
    case 'special':
      return scalar.name;
    default:
      return scalar.kind;
  }
}

/** Whether two column kinds may be compared with each other. */
export function comparable(a: Scalar, b: Scalar): boolean {
  if (a.kind === 'special' || b.kind === 'special')
    return a.kind === 'special' && b.kind === 'special' && a.name === b.name;
  return (
    a.kind === b.kind ||
    (a.kind !== 'string' && a.kind !== 'bool' && b.kind !== 'string' && b.kind !== 'bool')
  );
}
