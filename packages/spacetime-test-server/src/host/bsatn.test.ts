/**
 * The store orders and splits BSATN without decoding it; these properties check it against
 * values encoded by the `spacetimedb` library and compared the way SATS compares them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AlgebraicType, BinaryWriter, Option } from 'spacetimedb';
import { valueOps, type Typespace } from './bsatn.js';

const typespace: Typespace = { types: [] };

function encode(ty: AlgebraicType, value: unknown): Uint8Array {
  const w = new BinaryWriter(16);
  AlgebraicType.makeSerializer(ty, typespace)(w, value);
  return w.getBuffer().slice();
}

function compareEncoded(ty: AlgebraicType, a: unknown, b: unknown): number {
  return Math.sign(valueOps(ty, typespace).compare(encode(ty, a), encode(ty, b), { a: 0, b: 0 }));
}

const sign = (x: number | bigint) => (x > 0 ? 1 : x < 0 ? -1 : 0);
const utf8 = new TextEncoder();
const bytewise = (a: Uint8Array, b: Uint8Array) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) return sign(a[i]! - b[i]!);
  return sign(a.length - b.length);
};

/** A type, an arbitrary of its values as the library represents them, and SATS ordering of those values. */
interface Case {
  name: string;
  ty: AlgebraicType;
  arb: fc.Arbitrary<unknown>;
  // Method syntax: each case narrows the parameters to the values its arbitrary makes.
  cmp(a: unknown, b: unknown): number;
}

const intCase = (tag: string, bits: number, signed: boolean, big: boolean): Case => {
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const arb = fc.bigInt({ min, max }).map((v) => (big ? v : Number(v)));
  const cmp = (a: number | bigint, b: number | bigint) => sign(BigInt(a) - BigInt(b));
  return { name: tag, ty: { tag } as AlgebraicType, arb, cmp };
};

/** IEEE total order, as SATS orders floats: -NaN < -inf < ... < -0 < +0 < ... < inf < NaN. */
const totalOrder = (x: number, y: number) => {
  const key = (v: number) => {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, v);
    const bits = dv.getBigUint64(0);
    return bits & (1n << 63n) ? ~bits & ((1n << 64n) - 1n) : bits | (1n << 63n);
  };
  return sign(key(x) - key(y));
};

const i32: AlgebraicType = { tag: 'I32' };
const str: AlgebraicType = { tag: 'String' };
const cases: Case[] = [
  {
    name: 'Bool',
    ty: { tag: 'Bool' },
    arb: fc.boolean(),
    cmp: (a: boolean, b: boolean) => sign(Number(a) - Number(b)),
  },
  intCase('U8', 8, false, false),
  intCase('I8', 8, true, false),
  intCase('U16', 16, false, false),
  intCase('I16', 16, true, false),
  intCase('U32', 32, false, false),
  intCase('I32', 32, true, false),
  intCase('U64', 64, false, true),
  intCase('I64', 64, true, true),
  intCase('U128', 128, false, true),
  intCase('I128', 128, true, true),
  intCase('U256', 256, false, true),
  intCase('I256', 256, true, true),
  { name: 'F64', ty: { tag: 'F64' }, arb: fc.double({ noNaN: true }), cmp: totalOrder },
  {
    name: 'String',
    ty: str,
    arb: fc.string({ unit: 'binary', maxLength: 12 }),
    cmp: (a: string, b: string) => bytewise(utf8.encode(a), utf8.encode(b)),
  },
  {
    name: 'bytes',
    ty: { tag: 'Array', value: { tag: 'U8' } },
    arb: fc.uint8Array({ maxLength: 8 }),
    cmp: bytewise,
  },
  {
    name: 'Option<i32>',
    ty: Option.getAlgebraicType(i32),
    arb: fc.option(fc.integer(), { nil: undefined }),
    // some (tag 0) sorts before none (tag 1)
    cmp: (a?: number, b?: number) =>
      a === undefined ? (b === undefined ? 0 : 1) : b === undefined ? -1 : sign(a - b),
  },
  {
    name: 'i32[]',
    ty: { tag: 'Array', value: i32 },
    arb: fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }),
    cmp: (a: number[], b: number[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        if (a[i] !== b[i]) return sign(a[i]! - b[i]!);
      return sign(a.length - b.length);
    },
  },
  {
    name: '{ n: i32, s: string }',
    ty: {
      tag: 'Product',
      value: {
        elements: [
          { name: 'n', algebraicType: i32 },
          { name: 's', algebraicType: str },
        ],
      },
    },
    arb: fc.record({ n: fc.integer({ min: -2, max: 2 }), s: fc.string({ maxLength: 3 }) }),
    cmp: (a: { n: number; s: string }, b: { n: number; s: string }) =>
      sign(a.n - b.n) || bytewise(utf8.encode(a.s), utf8.encode(b.s)),
  },
  {
    name: 'A | B(string) | C(i32)',
    ty: {
      tag: 'Sum',
      value: {
        variants: [
          { name: 'A', algebraicType: { tag: 'Product', value: { elements: [] } } },
          { name: 'B', algebraicType: str },
          { name: 'C', algebraicType: i32 },
        ],
      },
    },
    arb: fc.oneof(
      fc.constant({ tag: 'A', value: {} }),
      fc.string({ maxLength: 3 }).map((value) => ({ tag: 'B', value })),
      fc.integer().map((value) => ({ tag: 'C', value })),
    ),
    cmp: (a: { tag: string; value: unknown }, b: { tag: string; value: unknown }) => {
      const order = ['A', 'B', 'C'];
      const d = order.indexOf(a.tag) - order.indexOf(b.tag);
      if (d !== 0) return sign(d);
      if (a.tag === 'B')
        return bytewise(utf8.encode(a.value as string), utf8.encode(b.value as string));
      if (a.tag === 'C') return sign((a.value as number) - (b.value as number));
      return 0;
    },
  },
];

describe('BSATN operations', () => {
  for (const c of cases) {
    it(`orders ${c.name} as SATS does`, () => {
      fc.assert(
        fc.property(c.arb, c.arb, (a, b) => {
          expect(compareEncoded(c.ty, a, b)).toBe(c.cmp(a, b));
        }),
        { numRuns: 300 },
      );
    });

    it(`finds the end of a ${c.name}, also inside a longer buffer`, () => {
      fc.assert(
        fc.property(c.arb, fc.uint8Array({ maxLength: 4 }), (v, tail) => {
          const bytes = encode(c.ty, v);
          const padded = new Uint8Array([...bytes, ...tail]);
          expect(valueOps(c.ty, typespace).skip(padded, 0)).toBe(bytes.length);
        }),
        { numRuns: 100 },
      );
    });
  }

  it('rejects truncated input', () => {
    const ops = valueOps(str, typespace);
    const bytes = encode(str, 'hello');
    expect(() => ops.skip(bytes.subarray(0, 6), 0)).toThrow(/end of input/);
  });
});
