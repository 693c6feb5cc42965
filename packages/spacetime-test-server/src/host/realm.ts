/**
 * The JavaScript realm a module runs in: a fresh `node:vm` context, set up to look like the
 * V8 isolate SpacetimeDB gives a module rather than like Node.
 *
 * Why a separate realm: `spacetimedb/server` replaces `globalThis.console` on load, module
 * bundles keep state at module level, and a test may load several modules at once. Each one
 * gets its own globals, and Node's own (`process`, `Buffer`, `setTimeout`, `fetch`, ...) are
 * simply absent, as they are in SpacetimeDB, so a module that leans on them fails here too.
 *
 * What the real host adds to bare V8 is added here: `TextEncoder`/`TextDecoder`, and a
 * `Math.random` that throws (randomness must come from `ctx.random`). What SpacetimeDB's V8
 * has and Node 20's lacks is polyfilled: `Symbol.dispose` (the library's row iterators are
 * `Disposable`), the ES2025 `Set` methods (the library calls `isSubsetOf`) and iterator
 * helpers (`iter().filter(...)` in module code).
 */
import { TextDecoder, TextEncoder } from 'node:util';
import vm from 'node:vm';

/** Constructors of the module's realm, for values the host hands to module code. */
export interface Realm {
  readonly context: vm.Context;
  readonly Uint8Array: Uint8ArrayConstructor;
  readonly DataView: DataViewConstructor;
  readonly Error: ErrorConstructor;
  readonly RangeError: RangeErrorConstructor;
  readonly ArrayBuffer: ArrayBufferConstructor;
}

/** Host services the realm's globals are wired to. */
export interface RealmHooks {
  /** Where `console.*` goes before the library installs its own console (which uses the syscall). */
  log(level: number, message: string): void;
  /**
   * `throw` (SpacetimeDB's behaviour: reading `Math.random` throws a TypeError) or `seeded`
   * (a deterministic generator with a fixed seed, for code that cannot avoid it).
   */
  mathRandom: 'throw' | 'seeded';
}

/**
 * Runs inside the new context. Kept as source text (not a host function) so that what it
 * patches are the context's own intrinsics.
 */
const SETUP_SOURCE = String.raw`(function setup(host) {
  'use strict';
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });

  // Symbols used by 'using' declarations; esbuild's lowering looks them up on Symbol.
  if (!Symbol.dispose) define(Symbol, 'dispose', Symbol.for('Symbol.dispose'));
  if (!Symbol.asyncDispose) define(Symbol, 'asyncDispose', Symbol.for('Symbol.asyncDispose'));

  // ES2025 Set methods, for set-likes with size/has/keys.
  const SP = Set.prototype;
  const keysOf = other => {
    const it = other.keys();
    return { [Symbol.iterator]() { return it; } };
  };
  if (!SP.union) {
    define(SP, 'union', function (other) { const r = new Set(this); for (const v of keysOf(other)) r.add(v); return r; });
    define(SP, 'intersection', function (other) { const r = new Set(); for (const v of this) if (other.has(v)) r.add(v); return r; });
    define(SP, 'difference', function (other) { const r = new Set(this); for (const v of this) if (other.has(v)) r.delete(v); return r; });
    define(SP, 'symmetricDifference', function (other) {
      const r = new Set(this);
      for (const v of keysOf(other)) { if (this.has(v)) r.delete(v); else r.add(v); }
      return r;
    });
    define(SP, 'isSubsetOf', function (other) { for (const v of this) if (!other.has(v)) return false; return true; });
    define(SP, 'isSupersetOf', function (other) { for (const v of keysOf(other)) if (!this.has(v)) return false; return true; });
    define(SP, 'isDisjointFrom', function (other) { for (const v of this) if (other.has(v)) return false; return true; });
  }

  // Iterator helpers on %IteratorPrototype%, which generators (the library's row iterators) inherit.
  const IP = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  if (!IP.map) {
    const step = it => it.next();
    define(IP, 'map', function* (fn) { let i = 0; for (let r = step(this); !r.done; r = step(this)) yield fn(r.value, i++); });
    define(IP, 'filter', function* (fn) { let i = 0; for (let r = step(this); !r.done; r = step(this)) if (fn(r.value, i++)) yield r.value; });
    define(IP, 'take', function* (n) { let i = 0; if (n <= 0) return; for (let r = step(this); !r.done; r = step(this)) { yield r.value; if (++i >= n) return; } });
    define(IP, 'drop', function* (n) { let i = 0; for (let r = step(this); !r.done; r = step(this)) if (i++ >= n) yield r.value; });
    define(IP, 'flatMap', function* (fn) { let i = 0; for (let r = step(this); !r.done; r = step(this)) yield* fn(r.value, i++); });
    define(IP, 'forEach', function (fn) { let i = 0; for (let r = step(this); !r.done; r = step(this)) fn(r.value, i++); });
    define(IP, 'some', function (fn) { let i = 0; for (let r = step(this); !r.done; r = step(this)) if (fn(r.value, i++)) return true; return false; });
    define(IP, 'every', function (fn) { let i = 0; for (let r = step(this); !r.done; r = step(this)) if (!fn(r.value, i++)) return false; return true; });
    define(IP, 'find', function (fn) { let i = 0; for (let r = step(this); !r.done; r = step(this)) if (fn(r.value, i++)) return r.value; return undefined; });
    define(IP, 'reduce', function (fn, ...init) {
      let i = 0; let r = step(this); let acc;
      if (init.length) acc = init[0]; else { if (r.done) throw new TypeError('Reduce of empty iterator with no initial value'); acc = r.value; r = step(this); i = 1; }
      for (; !r.done; r = step(this)) acc = fn(acc, r.value, i++);
      return acc;
    });
    define(IP, 'toArray', function () { const out = []; for (let r = step(this); !r.done; r = step(this)) out.push(r.value); return out; });
  }
  if (typeof globalThis.Iterator === 'undefined') {
    function Iterator() {}
    Iterator.prototype = IP;
    define(Iterator, 'from', function (obj) {
      const it = typeof obj[Symbol.iterator] === 'function' ? obj[Symbol.iterator]() : obj;
      if (IP.isPrototypeOf(it)) return it;
      return (function* () { for (let r = it.next(); !r.done; r = it.next()) yield r.value; })();
    });
    define(globalThis, 'Iterator', Iterator);
  }

  // Text encoding, as the real host provides it; arrays are made in this realm.
  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') { const b = host.encode(String(input)); const out = new Uint8Array(b.length); out.set(b); return out; }
    encodeInto(input, dest) { return host.encodeInto(String(input), dest); }
  }
  class TextDecoder {
    #label; #fatal; #ignoreBOM; #shared; #stream;
    constructor(label = 'utf-8', options = {}) {
      this.#label = String(label); this.#fatal = !!options.fatal; this.#ignoreBOM = !!options.ignoreBOM;
      // The library makes a decoder per string it reads, so the host shares one per setting.
      this.#shared = host.sharedDecoder(this.#label, this.#fatal, this.#ignoreBOM);
    }
    get encoding() { return this.#shared.encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input, options) {
      // A streaming decode keeps state between calls, so it gets a decoder of its own.
      if (this.#stream || (options && options.stream)) {
        this.#stream ??= host.newDecoder(this.#label, this.#fatal, this.#ignoreBOM);
        return host.decodeWith(this.#stream, input, options);
      }
      return host.decodeWith(this.#shared, input);
    }
  }
  define(globalThis, 'TextEncoder', TextEncoder);
  define(globalThis, 'TextDecoder', TextDecoder);

  // As in SpacetimeDB: randomness has to come from the reducer context. The 'seeded' mode
  // (an option, for code that cannot avoid Math.random yet) is at least deterministic.
  delete Math.random;
  if (host.mathRandom === 'seeded') {
    let state = 0x2545f491;
    define(Math, 'random', function random() {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    });
  } else {
    Object.defineProperty(Math, 'random', {
      configurable: true, enumerable: false,
      get() { throw new TypeError('Math.random is not available in SpacetimeDB modules. Use ctx.random instead.'); },
    });
  }

  const log = level => (...args) => host.log(level, args.map(a => (typeof a === 'string' ? a : String(a))).join(' '));
  define(globalThis, 'console', { error: log(0), warn: log(1), info: log(2), log: log(2), debug: log(3), trace: log(4) });

  return { Uint8Array, DataView, Error, RangeError, ArrayBuffer };
})`;

/** Creates a module realm; `extraGlobals` are copied onto its global object as they are. */
export function createRealm(hooks: RealmHooks, extraGlobals: Record<string, unknown> = {}): Realm {
  const context = vm.createContext(
    {},
    { name: 'spacetimedb-module', codeGeneration: { strings: true, wasm: false } },
  );
  const setup = vm.runInContext(SETUP_SOURCE, context, {
    filename: 'spacetimedb-host:realm-setup',
  }) as (host: unknown) => Omit<Realm, 'context'>;
  const encoder = new TextEncoder();
  const decoders = new Map<string, TextDecoder>();
  const utf8 = new TextDecoder();
  const decoderFor = (label: string, fatal: boolean, ignoreBOM: boolean): TextDecoder => {
    if (!fatal && !ignoreBOM && (label === 'utf-8' || label === 'utf8')) return utf8;
    const key = `${label}\0${fatal}\0${ignoreBOM}`;
    let d = decoders.get(key);
    if (!d) decoders.set(key, (d = new TextDecoder(label, { fatal, ignoreBOM })));
    return d;
  };
  const ctors = setup({
    log: hooks.log,
    mathRandom: hooks.mathRandom,
    encode: (s: string) => encoder.encode(s),
    encodeInto: (s: string, dest: Uint8Array) => encoder.encodeInto(s, dest),
    sharedDecoder: decoderFor,
    newDecoder: (label: string, fatal: boolean, ignoreBOM: boolean) =>
      new TextDecoder(label, { fatal, ignoreBOM }),
    decodeWith: (
      d: TextDecoder,
      input?: Parameters<TextDecoder['decode']>[0],
      options?: Parameters<TextDecoder['decode']>[1],
    ) => d.decode(input, options),
  });
  for (const [name, value] of Object.entries(extraGlobals)) {
    Object.defineProperty(context, name, {
      value,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  return { context, ...ctors };
}
