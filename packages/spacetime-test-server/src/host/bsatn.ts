/**
 * Type-directed operations on BSATN-encoded values, without decoding them to JS objects.
 *
 * The store keeps rows as the exact bytes the module sent, like the real datastore does, so it
 * needs three things from a type: where a value ends (to find columns inside a row), whether
 * two encodings are equal (byte equality: BSATN is canonical), and how two values are ordered
 * (for btree indexes). The ordering is the one SpacetimeDB's `AlgebraicValue` derives:
 * integers numerically, strings and byte arrays bytewise then by length, arrays element by
 * element then by length, products field by field, sums by variant tag then payload (so an
 * option's `some` sorts before `none`), floats by IEEE total order.
 */
import type { AlgebraicType } from 'spacetimedb';

/** The typespace of a module: every `Ref` type points into `types`. */
export interface Typespace {
  // Mutable only because the library's own Typespace type is.
  types: AlgebraicType[];
}

/** Offsets into the two buffers being compared; advanced past both values when they are equal. */
export interface Cursor {
  a: number;
  b: number;
}

/** Returns the offset just past the value that starts at `off`; throws on malformed input. */
export type Skip = (buf: Uint8Array, off: number) => number;

/** Orders two encoded values; `cur` is only meaningful afterwards when the result is 0. */
export type Compare = (a: Uint8Array, b: Uint8Array, cur: Cursor) => number;

/** What the store needs to know about one type. */
export interface ValueOps {
  /** Byte size when every value of the type has the same size. */
  readonly fixedSize: number | undefined;
  readonly skip: Skip;
  readonly compare: Compare;
}

/** Thrown when bytes do not decode at the expected type (the host reports BSATN_DECODE_ERROR). */
export class BsatnDecodeError extends Error {
  override get name(): string {
    return 'BsatnDecodeError';
  }
}

const INT_SIZES: Record<string, number> = {
  Bool: 1,
  U8: 1,
  I8: 1,
  U16: 2,
  I16: 2,
  U32: 4,
  I32: 4,
  U64: 8,
  I64: 8,
  U128: 16,
  I128: 16,
  U256: 32,
  I256: 32,
};

/** Byte size of an integer (or bool) type, or undefined for anything else. */
export function intSize(tag: string): number | undefined {
  return INT_SIZES[tag];
}

export function isSignedInt(tag: string): boolean {
  return tag.startsWith('I');
}

export function readU32(buf: Uint8Array, off: number): number {
  if (off + 4 > buf.length) throw new BsatnDecodeError('unexpected end of input');
  return (buf[off]! | (buf[off + 1]! << 8) | (buf[off + 2]! << 16) | (buf[off + 3]! << 24)) >>> 0;
}

function fixedSkip(size: number): Skip {
  return (buf, off) => {
    const end = off + size;
    if (end > buf.length) throw new BsatnDecodeError('unexpected end of input');
    return end;
  };
}

/** Little-endian integers compare from the most significant byte down. */
function unsignedCompare(size: number): Compare {
  return (a, b, cur) => {
    const ao = cur.a;
    const bo = cur.b;
    for (let i = size - 1; i >= 0; i--) {
      const d = a[ao + i]! - b[bo + i]!;
      if (d !== 0) return d;
    }
    cur.a = ao + size;
    cur.b = bo + size;
    return 0;
  };
}

/** Two's complement: flipping the sign bit of the top byte makes the bytes order like unsigned. */
function signedCompare(size: number): Compare {
  return (a, b, cur) => {
    const ao = cur.a;
    const bo = cur.b;
    const top = size - 1;
    const d0 = (a[ao + top]! ^ 0x80) - (b[bo + top]! ^ 0x80);
    if (d0 !== 0) return d0;
    for (let i = top - 1; i >= 0; i--) {
      const d = a[ao + i]! - b[bo + i]!;
      if (d !== 0) return d;
    }
    cur.a = ao + size;
    cur.b = bo + size;
    return 0;
  };
}

/** IEEE total order: negative values have all bits flipped, non-negative ones only the sign bit. */
function floatCompare(size: number): Compare {
  return (a, b, cur) => {
    const ao = cur.a;
    const bo = cur.b;
    const top = size - 1;
    const negA = (a[ao + top]! & 0x80) !== 0;
    const negB = (b[bo + top]! & 0x80) !== 0;
    for (let i = top; i >= 0; i--) {
      let x = a[ao + i]!;
      let y = b[bo + i]!;
      x = negA ? ~x & 0xff : i === top ? x ^ 0x80 : x;
      y = negB ? ~y & 0xff : i === top ? y ^ 0x80 : y;
      if (x !== y) return x - y;
    }
    cur.a = ao + size;
    cur.b = bo + size;
    return 0;
  };
}

/** Strings and byte arrays: bytes in order, then the shorter one first. */
const bytesOps: ValueOps = {
  fixedSize: undefined,
  skip: (buf, off) => {
    const end = off + 4 + readU32(buf, off);
    if (end > buf.length) throw new BsatnDecodeError('unexpected end of input');
    return end;
  },
  compare: (a, b, cur) => {
    const la = readU32(a, cur.a);
    const lb = readU32(b, cur.b);
    const ao = cur.a + 4;
    const bo = cur.b + 4;
    const n = la < lb ? la : lb;
    for (let i = 0; i < n; i++) {
      const d = a[ao + i]! - b[bo + i]!;
      if (d !== 0) return d;
    }
    if (la !== lb) return la - lb;
    cur.a = ao + la;
    cur.b = bo + lb;
    return 0;
  },
};

function arrayOps(elem: ValueOps): ValueOps {
  const skip: Skip = (buf, off) => {
    const n = readU32(buf, off);
    let o = off + 4;
    if (elem.fixedSize !== undefined) {
      o += n * elem.fixedSize;
      if (o > buf.length) throw new BsatnDecodeError('unexpected end of input');
      return o;
    }
    for (let i = 0; i < n; i++) o = elem.skip(buf, o);
    return o;
  };
  const compare: Compare = (a, b, cur) => {
    const la = readU32(a, cur.a);
    const lb = readU32(b, cur.b);
    cur.a += 4;
    cur.b += 4;
    const n = la < lb ? la : lb;
    for (let i = 0; i < n; i++) {
      const d = elem.compare(a, b, cur);
      if (d !== 0) return d;
    }
    if (la !== lb) return la - lb;
    return 0;
  };
  return { fixedSize: undefined, skip, compare };
}

function productOps(elems: readonly ValueOps[]): ValueOps {
  const sizes = elems.map((e) => e.fixedSize);
  const fixedSize = sizes.every((s) => s !== undefined)
    ? sizes.reduce<number>((acc, s) => acc + s!, 0)
    : undefined;
  const skip: Skip =
    fixedSize !== undefined
      ? fixedSkip(fixedSize)
      : (buf, off) => {
          let o = off;
          for (const e of elems) o = e.skip(buf, o);
          return o;
        };
  const compare: Compare = (a, b, cur) => {
    for (const e of elems) {
      const d = e.compare(a, b, cur);
      if (d !== 0) return d;
    }
    return 0;
  };
  return { fixedSize, skip, compare };
}

function sumOps(variants: readonly ValueOps[]): ValueOps {
  const payloadSizes = new Set(variants.map((v) => v.fixedSize));
  const only = payloadSizes.size === 1 ? [...payloadSizes][0] : undefined;
  const fixedSize = only !== undefined ? 1 + only : undefined;
  const variantAt = (tag: number): ValueOps => {
    const v = variants[tag];
    if (v === undefined) throw new BsatnDecodeError(`sum tag ${tag} out of range`);
    return v;
  };
  const skip: Skip = (buf, off) => {
    if (off >= buf.length) throw new BsatnDecodeError('unexpected end of input');
    return variantAt(buf[off]!).skip(buf, off + 1);
  };
  const compare: Compare = (a, b, cur) => {
    const ta = a[cur.a]!;
    const tb = b[cur.b]!;
    if (ta !== tb) return ta - tb;
    cur.a += 1;
    cur.b += 1;
    return variantAt(ta).compare(a, b, cur);
  };
  return { fixedSize, skip, compare };
}

/**
 * Builds the operations for `ty`. `Ref`s resolve through `typespace` lazily, so recursive types
 * work; results are cached per type object.
 */
export function valueOps(
  ty: AlgebraicType,
  typespace: Typespace,
  cache = new Map<unknown, ValueOps>(),
): ValueOps {
  const cached = cache.get(ty);
  if (cached) return cached;
  let ops: ValueOps;
  switch (ty.tag) {
    case 'Ref': {
      const target = typespace.types[ty.value];
      if (target === undefined) throw new Error(`type ref ${ty.value} is not in the typespace`);
      let inner: ValueOps | undefined;
      const resolve = () => (inner ??= valueOps(target, typespace, cache));
      // A placeholder first, so that a recursive type finds it instead of recursing forever.
      const lazy: ValueOps = {
        fixedSize: undefined,
        skip: (buf, off) => resolve().skip(buf, off),
        compare: (a, b, cur) => resolve().compare(a, b, cur),
      };
      cache.set(ty, lazy);
      const real = resolve();
      ops = { ...real, skip: real.skip, compare: real.compare };
      break;
    }
    case 'Product':
      ops = productOps(ty.value.elements.map((e) => valueOps(e.algebraicType, typespace, cache)));
      break;
    case 'Sum':
      ops = sumOps(ty.value.variants.map((v) => valueOps(v.algebraicType, typespace, cache)));
      break;
    case 'Array':
      ops = ty.value.tag === 'U8' ? bytesOps : arrayOps(valueOps(ty.value, typespace, cache));
      break;
    case 'String':
      ops = bytesOps;
      break;
    case 'F32':
    case 'F64': {
      const size = ty.tag === 'F32' ? 4 : 8;
      ops = { fixedSize: size, skip: fixedSkip(size), compare: floatCompare(size) };
      break;
    }
    default: {
      const size = INT_SIZES[ty.tag];
      if (size === undefined) throw new Error(`unsupported type ${JSON.stringify(ty)}`);
      const compare = isSignedInt(ty.tag) ? signedCompare(size) : unsignedCompare(size);
      ops = { fixedSize: size, skip: fixedSkip(size), compare };
    }
  }
  cache.set(ty, ops);
  return ops;
}

/** Follows `Ref`s to the structural type. */
export function resolveType(ty: AlgebraicType, typespace: Typespace): AlgebraicType {
  let t = ty;
  for (let i = 0; t.tag === 'Ref'; i++) {
    if (i > 1000) throw new Error('cyclic type refs');
    const next = typespace.types[t.value];
    if (next === undefined) throw new Error(`type ref ${t.value} is not in the typespace`);
    t = next;
  }
  return t;
}

/** Compares the first `n` values of two concatenations of values typed by `ops`. */
export function compareTuples(
  ops: readonly ValueOps[],
  n: number,
  a: Uint8Array,
  b: Uint8Array,
): number {
  const cur: Cursor = { a: 0, b: 0 };
  for (let i = 0; i < n; i++) {
    const d = ops[i]!.compare(a, b, cur);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when every byte of the value is zero: the encoding of integer 0, the sequence trigger. */
export function isZero(buf: Uint8Array, off: number, size: number): boolean {
  for (let i = 0; i < size; i++) if (buf[off + i] !== 0) return false;
  return true;
}

/** Reads a little-endian integer of `size` bytes as a bigint. */
export function readInt(buf: Uint8Array, off: number, size: number, signed: boolean): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[off + i]!);
  if (signed && (buf[off + size - 1]! & 0x80) !== 0) v -= 1n << BigInt(size * 8);
  return v;
}

/** Writes `value` as a little-endian two's complement integer of `size` bytes. */
export function writeInt(buf: Uint8Array, off: number, size: number, value: bigint): void {
  let v = BigInt.asUintN(size * 8, value);
  for (let i = 0; i < size; i++) {
    buf[off + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Inclusive value range of an integer type of `size` bytes. */
export function intRange(size: number, signed: boolean): [bigint, bigint] {
  const bits = BigInt(size * 8);
  return signed ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}

/** A string that is equal for equal byte sequences: a cheap Map key for encoded values. */
export function bytesKey(buf: Uint8Array): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
}
