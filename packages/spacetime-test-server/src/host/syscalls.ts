/**
 * The `spacetime:sys@2.0` and `spacetime:sys@2.1` modules as the host offers them to a module:
 * the same function names, argument order, return conventions and failure behaviour as
 * SpacetimeDB's V8 host (`crates/core/src/host/v8/syscall`), over the in-memory {@link Store}.
 *
 * Conventions worth knowing when reading the module side (`spacetimedb/server` runtime):
 * buffers arrive as an `ArrayBuffer` plus lengths; `datastore_insert_bsatn` and
 * `datastore_update_bsatn` write the generated auto-increment values back into that buffer and
 * return their length; `row_iter_bsatn_advance` fills the buffer with whole rows and returns
 * the byte count, negated when the iterator is exhausted (and then gone), or throws
 * `{ __buffer_too_small__: n }` when the next row does not fit; failures throw an instance of
 * the class the module's `__get_error_constructor__(errno)` returns.
 */
import { Errno, HostError, type Store } from './store.js';
import type { Realm } from './realm.js';

/** What the module's hooks object offers the host (see `ModuleHooks` in the library's `sys.d.ts`). */
export interface ModuleHooks {
  __describe_module__(): Uint8Array;
  __get_error_constructor__(code: number): new (message: string) => Error;
  readonly __sender_error_class__: new (message: string) => Error;
  __call_reducer__(
    reducerId: number,
    sender: bigint,
    connId: bigint,
    timestamp: bigint,
    args: DataView,
  ): unknown;
  /** Runs a view for a caller; absent from modules built before views existed. */
  __call_view__?(viewId: number, sender: bigint, args: Uint8Array): { data: Uint8Array };
  /** Runs an anonymous view. */
  __call_view_anon__?(viewId: number, args: Uint8Array): { data: Uint8Array };
}

/** Log levels of `console_log`, by number. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number] | 'panic';

/** The host state the syscalls work on. */
export interface SyscallHost {
  /** Undefined while the module is being evaluated, before its description is read. */
  store(): Store | undefined;
  readonly realm: Realm;
  /** Undefined until the module's default export has produced them. */
  hooks(): ModuleHooks | undefined;
  readonly databaseIdentity: bigint;
  log(level: LogLevel, message: string): void;
  jwtPayload(connectionId: bigint): string | undefined;
  scheduleImmediate(reducer: string, args: Uint8Array): void;
}

interface RowIterator {
  readonly rows: readonly Uint8Array[];
  pos: number;
}

/** Key of the test host's own explanation on a host error thrown into the module. */
export const HOST_DETAIL = Symbol('test host detail');

/** The symbol the module's default export keys its hooks factory with (`moduleHooks`). */
export const MODULE_HOOKS = Symbol('SpacetimeDB.moduleHooks.v2');

/** Builds the two syscall modules for one host. */
export function makeSyscalls(host: SyscallHost): {
  v2_0: Record<string | symbol, unknown>;
  v2_1: Record<string, unknown>;
  /** Forgets open iterators; called between reducer calls. */
  closeIterators(): void;
} {
  const iters = new Map<number, RowIterator>();
  let nextIter = 1;
  const timers = new Map<number, { name: string; start: number }>();
  let nextTimer = 1;

  const store = (): Store => {
    const s = host.store();
    if (!s)
      throw new HostError(
        Errno.HOST_CALL_FAILURE,
        'cannot call this function during module initialization',
      );
    return s;
  };

  /** Throws what the real host throws: the module's own error class for the number. */
  const fail = (e: HostError): never => {
    const message = e.code === Errno.HOST_CALL_FAILURE && e.detail ? e.detail : e.message;
    const hooks = host.hooks();
    const Cls = hooks ? hooks.__get_error_constructor__(e.code) : host.realm.Error;
    const err = new Cls(message);
    // What the test host knows beyond SpacetimeDB's message; invisible to the module.
    if (e.detail) Object.defineProperty(err, HOST_DETAIL, { value: e.detail });
    throw err;
  };

  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (e) {
        if (e instanceof HostError) return fail(e);
        throw e;
      }
    };

  const bytes = (buf: ArrayBuffer, offset: number, len: number): Uint8Array => {
    if (offset + len > buf.byteLength)
      throw new host.realm.RangeError('length argument was out of bounds for `ArrayBuffer`');
    return new Uint8Array(buf, offset, len);
  };

  /**
   * A range argument as the range syscalls lay it out in one buffer: the prefix, the start bound,
   * then the end bound (none means the same as the start: a point on the last column).
   */
  const rangeOf = (buf: ArrayBuffer, prefixLen: number, rstartLen: number, rendLen: number) => {
    const rstart = bytes(buf, prefixLen, rstartLen);
    return {
      prefix: bytes(buf, 0, prefixLen),
      rstart,
      rend: rendLen === 0 ? rstart : bytes(buf, prefixLen + rstartLen, rendLen),
    };
  };

  const openIter = (rows: readonly Uint8Array[]): number => {
    const id = nextIter++;
    iters.set(id, { rows, pos: 0 });
    return id;
  };

  const writeBack = (buf: ArrayBuffer, generated: Uint8Array): number => {
    new Uint8Array(buf).set(generated, 0);
    return generated.length;
  };

  const unsupported = (name: string) => () => {
    throw new host.realm.Error(`${name} is not supported by the test host`);
  };

  const v2_0: Record<string | symbol, unknown> = {
    moduleHooks: MODULE_HOOKS,
    table_id_from_name: wrap((name: string) => store().tableIdFromName(name)),
    index_id_from_name: wrap((name: string) => store().indexIdFromName(name)),
    datastore_table_row_count: wrap((tableId: number) => store().count(tableId)),
    datastore_table_scan_bsatn: wrap((tableId: number) => openIter(store().scanTable(tableId))),
    datastore_index_scan_point_bsatn: wrap((indexId: number, buf: ArrayBuffer, len: number) =>
      openIter(store().scanPoint(indexId, bytes(buf, 0, len))),
    ),
    datastore_index_scan_range_bsatn: wrap(
      (
        indexId: number,
        buf: ArrayBuffer,
        prefixLen: number,
        prefixElems: number,
        rstartLen: number,
        rendLen: number,
      ) => {
        const { prefix, rstart, rend } = rangeOf(buf, prefixLen, rstartLen, rendLen);
        return openIter(store().scanRange(indexId, prefix, prefixElems, rstart, rend));
      },
    ),
    row_iter_bsatn_advance: wrap((iterId: number, buf: ArrayBuffer) => {
      const it = iters.get(iterId);
      if (!it) throw new HostError(Errno.NO_SUCH_ITER, `iterator ${iterId}`);
      const dst = new Uint8Array(buf);
      let written = 0;
      while (it.pos < it.rows.length) {
        const row = it.rows[it.pos]!;
        if (written + row.length > dst.length) break;
        dst.set(row, written);
        written += row.length;
        it.pos++;
      }
      if (it.pos < it.rows.length) {
        // The module grows its buffer to this size and asks again.
        if (written === 0) throw { __buffer_too_small__: it.rows[it.pos]!.length };
        return written;
      }
      iters.delete(iterId);
      return -written;
    }),
    row_iter_bsatn_close: wrap((iterId: number) => {
      // Outside a call this can only be the library's FinalizationRegistry tidying up a
      // handle from an earlier call, whose iterator the host has already dropped.
      if (!iters.delete(iterId) && host.store()?.inTransaction)
        throw new HostError(Errno.NO_SUCH_ITER, `iterator ${iterId}`);
    }),
    datastore_insert_bsatn: wrap((tableId: number, buf: ArrayBuffer, len: number) =>
      writeBack(buf, store().insert(tableId, bytes(buf, 0, len))),
    ),
    datastore_update_bsatn: wrap(
      (tableId: number, indexId: number, buf: ArrayBuffer, len: number) =>
        writeBack(buf, store().update(tableId, indexId, bytes(buf, 0, len))),
    ),
    datastore_delete_by_index_scan_point_bsatn: wrap(
      (indexId: number, buf: ArrayBuffer, len: number) =>
        store().deletePoint(indexId, bytes(buf, 0, len)),
    ),
    datastore_delete_by_index_scan_range_bsatn: wrap(
      (
        indexId: number,
        buf: ArrayBuffer,
        prefixLen: number,
        prefixElems: number,
        rstartLen: number,
        rendLen: number,
      ) => {
        const { prefix, rstart, rend } = rangeOf(buf, prefixLen, rstartLen, rendLen);
        return store().deleteRange(indexId, prefix, prefixElems, rstart, rend);
      },
    ),
    datastore_delete_all_by_eq_bsatn: wrap((tableId: number, buf: ArrayBuffer, len: number) =>
      store().deleteAllByEq(tableId, bytes(buf, 0, len)),
    ),
    volatile_nonatomic_schedule_immediate: wrap((reducer: string, args: Uint8Array) =>
      host.scheduleImmediate(String(reducer), Uint8Array.from(args)),
    ),
    console_log: (level: number, message: string) => {
      host.log(level === 101 ? 'panic' : (LOG_LEVELS[level] ?? 'info'), String(message));
    },
    console_timer_start: (name: string) => {
      const id = nextTimer++;
      timers.set(id, { name: String(name), start: performance.now() });
      return id;
    },
    console_timer_end: wrap((id: number) => {
      const t = timers.get(id);
      if (!t) throw new HostError(Errno.NO_SUCH_CONSOLE_TIMER);
      timers.delete(id);
      host.log('info', `Timing span "${t.name}": ${(performance.now() - t.start).toFixed(3)}ms`);
    }),
    identity: () => host.databaseIdentity,
    get_jwt_payload: wrap((connectionId: bigint) => {
      store();
      const payload = host.jwtPayload(BigInt(connectionId));
      const encoded = new TextEncoder().encode(payload ?? '');
      const out = new host.realm.Uint8Array(encoded.length);
      out.set(encoded);
      return out;
    }),
    procedure_http_request: unsupported('procedure_http_request'),
    procedure_start_mut_tx: unsupported('procedure_start_mut_tx'),
    procedure_commit_mut_tx: unsupported('procedure_commit_mut_tx'),
    procedure_abort_mut_tx: unsupported('procedure_abort_mut_tx'),
  };

  const v2_1: Record<string, unknown> = {
    datastore_clear: wrap((tableId: number) => store().clear(tableId)),
  };

  return { v2_0, v2_1, closeIterators: () => iters.clear() };
}
