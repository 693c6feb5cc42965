import type { ColumnType, ColumnValue } from './schema/column.js';
import { reject } from './errors.js';
import { isIdentity } from './identity.js';
import { hashSecret, isSecretHash } from './secrets.js';

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

const U32_MAX = 0xffffffff;
const U64_MAX = (1n << 64n) - 1n;

/**
 * Checks raw arguments against a declaration. Integers may arrive as bigint, safe number or decimal
 * string (JSON has no bigint); anything else is rejected naming the argument.
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
      reject('invalid_argument', `unknown argument "${key}"`);
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

function parseValue(name: string, type: ArgDecl['type'], value: unknown): unknown {
  const bad = (what: string): never =>
    reject('invalid_argument', `argument "${name}" must be ${what}`);
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : bad('a string');
    case 'bool':
      return typeof value === 'boolean' ? value : bad('true or false');
    case 'identity':
      return typeof value === 'string' && isIdentity(value)
        ? value
        : bad('an identity (64 lowercase hex characters)');
    case 'u32': {
      const n = typeof value === 'bigint' ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= U32_MAX
        ? n
        : bad(`an integer from 0 to ${U32_MAX}`);
    }
    case 'u64':
    case 'timestamp': {
      const n = toBigInt(value);
      return n !== undefined && n >= 0n && n <= U64_MAX ? n : bad('a non-negative integer');
    }
  }
}

function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
  return undefined;
}
