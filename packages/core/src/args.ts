import type { ColumnType, ColumnValue } from './schema/column.js';
import { reject } from './errors.js';
import { isIdentity } from './identity.js';
import { hashSecret, isSecretHash } from './secrets.js';
import { clip, isWellFormed } from './text.js';

/**
 * What a secret argument (a webhook token, an invite code) must look like before it is hashed.
 * The reducer never sees the secret: it gets its SHA-256 hex, so neither the tables nor any log
 * ever hold it.
 */
export interface SecretDecl {
  readonly pattern: RegExp;
  /** The pattern in words, for the refusal: "6 to 64 letters, digits, ...". */
  readonly what: string;
}

/** One reducer argument: a column type (without `json`, `identity` is a hex string), maybe optional. */
export interface ArgDecl {
  readonly type: Exclude<ColumnType, 'json'>;
  readonly optional?: boolean;
  /** A string argument that is a credential: checked against this, then replaced by its hash. */
  readonly secret?: SecretDecl;
}

/** How {@link parseArgs} treats secret arguments. */
export interface ParseOptions {
  /**
   * The secret arguments are already their hashes: a call read back from a log, which keeps
   * only hashes. Default false: secrets arrive in clear and are hashed here.
   */
  readonly hashedSecrets?: boolean | undefined;
}

export type ArgsDecl = Readonly<Record<string, ArgDecl>>;

/** The typed arguments of a reducer, derived from its declaration. */
export type ArgsOf<A extends ArgsDecl> = {
  -readonly [K in keyof A as A[K]['optional'] extends true ? never : K]: ColumnValue[A[K]['type']];
} & {
  -readonly [K in keyof A as A[K]['optional'] extends true ? K : never]?:
    ColumnValue[A[K]['type']] | undefined;
};

/** The largest u32 argument (counts such as `maxUses`). */
export const U32_MAX = 0xffffffff;
/**
 * The largest id (and log sequence number). Ids are u64 in SpacetimeDB, but SQLite's INTEGER is a
 * signed 64-bit value, so every engine keeps to 2^63 - 1.
 */
export const ID_MAX = (1n << 63n) - 1n;
/**
 * The latest timestamp an argument may carry: 9999-12-31T23:59:59.999999Z, in microseconds. It is
 * within SQLite's and SpacetimeDB's i64 and JavaScript's `Date`, and its ISO form has four digits.
 */
export const TIMESTAMP_MAX = 253_402_300_799_999_999n;

/**
 * Checks raw arguments against a declaration. Integers may arrive as bigint, safe number or decimal
 * string (JSON has no bigint); anything else is rejected naming the argument. Numbers outside what
 * every engine can store are refused with `out_of_range`, strings that are not well-formed Unicode
 * with `invalid_text`.
 */
export function parseArgs<A extends ArgsDecl>(
  decl: A,
  raw: unknown,
  options: ParseOptions = {},
): ArgsOf<A> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    reject('invalid_argument', 'arguments must be an object');
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(decl, key) && input[key] !== undefined) {
      reject('invalid_argument', `unknown argument "${clip(key)}"`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, arg] of Object.entries(decl)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (!arg.optional) reject('invalid_argument', `argument "${name}" is required`);
      continue;
    }
    const parsed = parseValue(name, arg.type, value);
    out[name] = arg.secret ? secretOf(name, arg.secret, parsed as string, options) : parsed;
  }
  return out as ArgsOf<A>;
}

/** A secret argument's hash: hashed here, or checked as a hash when the call comes from a log. */
function secretOf(name: string, secret: SecretDecl, value: string, options: ParseOptions): string {
  if (options.hashedSecrets) {
    if (!isSecretHash(value)) reject('invalid_argument', `argument "${name}" must be a hash`);
    return value;
  }
  if (!secret.pattern.test(value)) reject('invalid_argument', `${name} must be ${secret.what}`);
  return hashSecret(value);
}

/** The inclusive range of each integer type. */
const RANGES = {
  u32: [0n, BigInt(U32_MAX), 'a whole number'],
  u64: [0n, ID_MAX, 'an id'],
  timestamp: [0n, TIMESTAMP_MAX, 'a timestamp in microseconds since 1970'],
} as const;

function parseValue(name: string, type: ArgDecl['type'], value: unknown): unknown {
  const bad = (what: string): never =>
    reject('invalid_argument', `argument "${name}" must be ${what}`);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return bad('a string');
      if (!isWellFormed(value)) {
        reject('invalid_text', `argument "${name}" is not well-formed Unicode (a lone surrogate)`);
      }
      return value;
    case 'bool':
      return typeof value === 'boolean' ? value : bad('true or false');
    case 'identity':
      return typeof value === 'string' && isIdentity(value)
        ? value
        : bad('an identity (64 lowercase hex characters)');
    case 'u32': {
      const n = checkInteger(name, type, value);
      return Number(n);
    }
    case 'u64':
    case 'timestamp':
      return checkInteger(name, type, value);
  }
}

/**
 * An integer argument within its type's range. Integer-shaped values outside it (negative, too
 * large, or a JSON number past 2^53 whose digits are already lost) are `out_of_range`.
 */
function checkInteger(name: string, type: keyof typeof RANGES, value: unknown): bigint {
  const [min, max, what] = RANGES[type];
  const n = toBigInt(value);
  if (n === undefined) {
    reject('invalid_argument', `argument "${name}" must be ${what} (a whole number)`);
  }
  if (n === 'lost' || n < min || n > max) {
    const hint = n === 'lost' ? ' (send numbers past 2^53 as decimal strings)' : '';
    reject(
      'out_of_range',
      `argument "${name}" must be ${what} from ${min} to ${max}; got ${clip(String(value))}${hint}`,
    );
  }
  return n;
}

/** The integer a value stands for; 'lost' for a number too large to hold its digits exactly. */
function toBigInt(value: unknown): bigint | 'lost' | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return BigInt(value);
    return Number.isInteger(value) ? 'lost' : undefined;
  }
  // Digits beyond 40 are out of range whatever they say; BigInt of a huge string is slow.
  if (typeof value === 'string' && /^-?\d{1,40}$/.test(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return -1n;
  return undefined;
}

/** An id given outside a reducer call (a read's cursor or filter), checked like an argument. */
export function checkId(name: string, value: bigint): bigint {
  return checkInteger(name, 'u64', value);
}
