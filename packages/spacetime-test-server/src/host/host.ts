/**
 * The test host: loads a SpacetimeDB TypeScript module bundle into its own realm, answers its
 * syscalls from an in-memory datastore, and lets a test call its reducers and read its tables.
 */
import type { Script } from 'node:vm';
import { AlgebraicType, BinaryReader, BinaryWriter, Identity } from 'spacetimedb';
import { prepareBundle, readBundle } from './bundle.js';
import { decodeModuleDef, loadLibraryTypes } from './moduleDef.js';
import { createRealm, type Realm } from './realm.js';
import {
  buildSchema,
  type ModuleDescription,
  type ModuleSchema,
  type ReducerSchema,
  type TableSchema,
  type ViewSchema,
} from './schema.js';
import { Store, type RawTableChange, type StoreOptions } from './store.js';
import {
  HOST_DETAIL,
  LOG_LEVELS,
  MODULE_HOOKS,
  makeSyscalls,
  type LogLevel,
  type ModuleHooks,
} from './syscalls.js';

/** A 64-digit hex identity, or an `Identity` from the `spacetimedb` library. */
export type IdentityLike = string | { readonly __identity__: bigint };

/** Microseconds since the Unix epoch, a `Date`, or a `Timestamp` from the `spacetimedb` library. */
export type TimestampLike =
  bigint | Date | { readonly __timestamp_micros_since_unix_epoch__: bigint };

/** Who calls, and when. */
export interface CallOptions {
  readonly sender: IdentityLike;
  readonly timestamp: TimestampLike;
  /**
   * The caller's connection id (u128); `null` for none (`ctx.connectionId === null`). Defaults
   * to an id derived from the sender, the same for every call, connect and disconnect of that
   * sender; `init` always runs without a connection.
   */
  readonly connectionId?: bigint | null;
  /** JWT payload (JSON) the module sees through `ctx.senderAuth.jwt`; none by default. */
  readonly jwtPayload?: string | Record<string, unknown>;
}

/** One table's net row changes from a committed call, decoded. */
export interface TableChange<Row = Record<string, unknown>> {
  readonly table: string;
  readonly inserted: Row[];
  readonly deleted: Row[];
}

export interface CallSucceeded {
  readonly ok: true;
  /** Net changes per table (an update shows as a delete plus an insert); decoded on first read. */
  readonly changes: readonly TableChange[];
  /** The same changes as the stored BSATN rows, for a server that forwards them. */
  readonly rawChanges: readonly RawTableChange[];
}

/** What a view returned: its rows (BSATN, one per element), or a query to run instead. */
export type ViewResult = { readonly rows: Uint8Array[] } | { readonly sql: string };

export interface CallFailed {
  readonly ok: false;
  /** For a `SenderError` its message, as the caller sees it; otherwise `Name: message`. */
  readonly error: string;
  /** True when the reducer threw `SenderError` (a rejection), false for any other failure. */
  readonly senderError: boolean;
  /** The thrown error's `name`, e.g. `SenderError`, `Error`, `UniqueAlreadyExists`. */
  readonly errorName: string;
  /** The value the module threw, for stack traces while debugging. */
  readonly thrown: unknown;
  /**
   * For an uncaught host error, what the test host knows beyond SpacetimeDB's message, e.g.
   * `unique constraint on item (sku)`; the module itself never sees this.
   */
  readonly detail: string | undefined;
}

/** The outcome of a reducer call: committed, or rolled back entirely. */
export type CallResult = CallSucceeded | CallFailed;

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
  /** The reducer running when the line was logged, if any. */
  readonly reducer: string | undefined;
}

export interface HostOptions extends StoreOptions {
  /** `ctx.identity` of the database; a fixed value by default. */
  readonly databaseIdentity?: IdentityLike;
  /** Called for every log line, besides keeping it in {@link TestHost.logs}. */
  readonly onLog?: (record: LogRecord) => void;
  /** Extra globals for the module's realm (the realm otherwise has only what SpacetimeDB offers). */
  readonly globals?: Record<string, unknown>;
  /**
   * What reading `Math.random` does in the module. `throw` (the default) is what SpacetimeDB's
   * V8 host does (`crates/core/src/host/v8/builtins/delete_math_random.js`), including while
   * the module is loaded; `seeded` swaps in a deterministic generator instead, for code that
   * cannot avoid it yet. Randomness in a reducer belongs in `ctx.random`.
   */
  readonly mathRandom?: 'throw' | 'seeded';
}

interface ViewHeaderType {
  deserialize(reader: BinaryReader): { tag: 'RowData' } | { tag: 'RawSql'; value: string };
}

/** A reducer queued with `volatile_nonatomic_schedule_immediate`; the test host does not run these. */
export interface ScheduledCall {
  readonly reducer: string;
  readonly args: Uint8Array;
}

/** Module schemas by compiled bundle. */
const schemas = new WeakMap<Script, Promise<ModuleSchema>>();

const DEFAULT_DATABASE_IDENTITY =
  'c200000000000000000000000000000000000000000000000000000000d4ba5e';
const MAX_LOGS = 10_000;

const parsedIdentities = new Map<string, bigint>();

function toIdentity(id: IdentityLike): bigint {
  if (typeof id !== 'string') return id.__identity__;
  let value = parsedIdentities.get(id);
  if (value === undefined) {
    const hex = id.startsWith('0x') ? id.slice(2) : id;
    if (!/^[0-9a-fA-F]{64}$/.test(hex))
      throw new TypeError(`identity must be 64 hex digits, got ${JSON.stringify(id)}`);
    value = new Identity(hex).__identity__;
    if (parsedIdentities.size > 100_000) parsedIdentities.clear();
    parsedIdentities.set(id, value);
  }
  return value;
}

function toMicros(ts: TimestampLike): bigint {
  if (typeof ts === 'bigint') return ts;
  if (ts instanceof Date) return BigInt(ts.getTime()) * 1000n;
  return ts.__timestamp_micros_since_unix_epoch__;
}

/** A stable, non-zero connection id per sender, so a sender's connect, calls and disconnect agree. */
function defaultConnectionId(sender: bigint): bigint {
  return BigInt.asUintN(128, sender ^ (sender >> 128n)) | 1n;
}

/**
 * Loads a module bundle against a fresh, empty in-memory database.
 *
 * @param bundle the bundle's source text (as {@link buildModuleBundle} returns it), or the path
 *   of a built bundle such as `dist/bundle.js`. ESM, importing only `spacetime:sys@2.x`.
 */
export async function loadModule(bundle: string, options: HostOptions = {}): Promise<TestHost> {
  const prepared = await prepareBundle(readBundle(bundle));
  const host = new TestHost(options);
  await host.start(prepared.script);
  return host;
}

/** A loaded module and its database. Create with {@link loadModule}. */
export class TestHost {
  private readonly logRecords: LogRecord[] = [];
  private readonly scheduledCalls: ScheduledCall[] = [];
  private readonly realm: Realm;
  private readonly syscalls: ReturnType<typeof makeSyscalls>;
  private readonly jwt = new Map<bigint, string>();
  private readonly databaseIdentity: bigint;
  private store: Store | undefined;
  private schema: ModuleSchema | undefined;
  private hooks: ModuleHooks | undefined;
  private running: string | undefined;
  private argsBuffer: ArrayBuffer;
  private readonly rowDecoders = new Map<
    TableSchema,
    (bytes: Uint8Array) => Record<string, unknown>
  >();
  private viewHeader: ViewHeaderType | undefined;
  private readonly argEncoders = new Map<
    ReducerSchema,
    (args: Record<string, unknown>) => Uint8Array
  >();

  /** @internal use {@link loadModule} */
  constructor(private readonly options: HostOptions) {
    this.databaseIdentity = toIdentity(options.databaseIdentity ?? DEFAULT_DATABASE_IDENTITY);
    this.realm = createRealm(
      {
        log: (level, message) => this.log(LOG_LEVELS[level] ?? 'info', message),
        mathRandom: options.mathRandom ?? 'throw',
      },
      options.globals,
    );
    this.argsBuffer = new this.realm.ArrayBuffer(1024);
    this.syscalls = makeSyscalls({
      store: () => this.store,
      hooks: () => this.hooks,
      realm: this.realm,
      databaseIdentity: this.databaseIdentity,
      log: (level, message) => this.log(level, message),
      jwtPayload: (connectionId) => this.jwt.get(connectionId),
      scheduleImmediate: (reducer, args) => this.scheduledCalls.push({ reducer, args }),
    });
  }

  /** @internal evaluates the bundle and reads the module's description. */
  async start(script: Script): Promise<void> {
    const factory = script.runInContext(this.realm.context) as (
      require: (id: string) => unknown,
      module: { exports: Record<string, unknown> },
      exports: Record<string, unknown>,
    ) => void;
    const mod = { exports: {} as Record<string, unknown> };
    const requireSys = (id: string) => {
      if (id === 'spacetime:sys@2.0') return this.syscalls.v2_0;
      if (id === 'spacetime:sys@2.1') return this.syscalls.v2_1;
      throw new this.realm.Error(
        `Cannot find module '${id}': a SpacetimeDB module may only import spacetime:sys`,
      );
    };
    try {
      factory(requireSys, mod, mod.exports);
    } catch (e) {
      throw new Error(
        `the module threw while loading, so SpacetimeDB would refuse to publish it: ${String(e)}`,
        { cause: e },
      );
    }
    const exported = mod.exports;
    const schemaExport = exported['default'] as Record<symbol, unknown> | undefined;
    const hooksFactory = schemaExport?.[MODULE_HOOKS];
    if (typeof hooksFactory !== 'function') {
      throw new Error('the bundle has no default export made by schema() from spacetimedb/server');
    }
    const hooks = hooksFactory.call(schemaExport, exported) as ModuleHooks;
    this.hooks = hooks;
    // A bundle describes itself the same way every time, so it is asked once per process; the
    // real host likewise describes a module once, not every instance it starts.
    let schema = schemas.get(script);
    if (!schema) {
      schema = decodeModuleDef(Uint8Array.from(hooks.__describe_module__())).then(buildSchema);
      schemas.set(script, schema);
    }
    this.schema = await schema;
    this.store = new Store(this.schema, this.options);
    this.viewHeader = (await loadLibraryTypes()).ViewResultHeader;
  }

  /** @internal the schema and datastore, for the test server's query engine. */
  get internals(): { readonly schema: ModuleSchema; readonly store: Store } {
    const { schema, store } = this.loaded;
    return { schema, store };
  }

  /**
   * Runs a view as SpacetimeDB does for a subscriber (`__call_view__`, or `__call_view_anon__`
   * for an anonymous view, which sees no sender). Views are read-only: whatever the call does
   * is rolled back. Views with parameters are not supported (clients cannot pass arguments).
   */
  callView(view: ViewSchema, sender: IdentityLike): ViewResult {
    const { store, hooks } = this.loaded;
    if (view.hasParams)
      throw new Error(`view ${view.name} takes parameters; the test host runs none`);
    const args = new this.realm.Uint8Array(0) as Uint8Array;
    this.running = view.name;
    store.begin();
    let out: { data: Uint8Array };
    try {
      if (view.anonymous) {
        if (!hooks.__call_view_anon__) throw new Error('the module library has no anonymous views');
        out = hooks.__call_view_anon__(view.index, args);
      } else {
        if (!hooks.__call_view__) throw new Error('the module library has no views');
        out = hooks.__call_view__(view.index, toIdentity(sender), args);
      }
    } finally {
      this.syscalls.closeIterators();
      this.running = undefined;
      store.rollback();
    }
    const data = Uint8Array.from(out.data);
    const reader = new BinaryReader(data);
    const header = this.viewHeader!.deserialize(reader);
    if (header.tag === 'RawSql') return { sql: header.value };
    // The rows follow as a BSATN array: a u32 count, then each row; keep each row's bytes.
    const count = reader.readU32();
    const skip = AlgebraicType.makeDeserializer(view.rowType, this.loaded.schema.typespace);
    const rows: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const start = reader.offset;
      skip(reader);
      rows.push(data.slice(start, reader.offset));
    }
    return { rows };
  }

  /**
   * Empties the database, keeping the loaded module instance: much cheaper than
   * {@link loadModule} when a test needs many fresh databases. Unlike a real fresh database,
   * whatever the module keeps in its own module-level variables survives (as it does between
   * transactions in SpacetimeDB). Logs and scheduled calls are cleared too.
   */
  reset(): void {
    this.store = new Store(this.loaded.schema, this.options);
    this.jwt.clear();
    this.logRecords.length = 0;
    this.scheduledCalls.length = 0;
  }

  private get loaded(): { schema: ModuleSchema; store: Store; hooks: ModuleHooks } {
    if (!this.schema || !this.store || !this.hooks) throw new Error('module not loaded');
    return { schema: this.schema, store: this.store, hooks: this.hooks };
  }

  private log(level: LogLevel, message: string): void {
    const record: LogRecord = { level, message, reducer: this.running };
    if (this.logRecords.length >= MAX_LOGS) this.logRecords.shift();
    this.logRecords.push(record);
    this.options.onLog?.(record);
  }

  /** Tables, reducers and lifecycle reducers, as the module describes them. */
  describe(): ModuleDescription {
    return this.loaded.schema.description;
  }

  /** The module's log lines (the latest 10 000), oldest first. */
  get logs(): readonly LogRecord[] {
    return this.logRecords;
  }

  clearLogs(): void {
    this.logRecords.length = 0;
  }

  /** Reducers the module queued with `volatile_nonatomic_schedule_immediate`. */
  get scheduled(): readonly ScheduledCall[] {
    return this.scheduledCalls;
  }

  /** Runs the module's `init` reducer, as publishing a new database does. */
  init(options: Omit<CallOptions, 'connectionId' | 'jwtPayload'>): CallResult {
    return this.lifecycle('init', { ...options, connectionId: null });
  }

  /** Runs `client_connected` for `sender`; a failure means SpacetimeDB would refuse the connection. */
  connect(
    sender: IdentityLike,
    timestamp: TimestampLike,
    options: Partial<CallOptions> = {},
  ): CallResult {
    return this.lifecycle('clientConnected', { ...options, sender, timestamp });
  }

  /** Runs `client_disconnected` for `sender`. */
  disconnect(
    sender: IdentityLike,
    timestamp: TimestampLike,
    options: Partial<CallOptions> = {},
  ): CallResult {
    return this.lifecycle('clientDisconnected', { ...options, sender, timestamp });
  }

  private lifecycle(
    kind: 'init' | 'clientConnected' | 'clientDisconnected',
    options: CallOptions,
  ): CallResult {
    const reducer = this.loaded.schema.reducers.find((r) => r.info.lifecycle === kind);
    if (!reducer) return { ok: true, changes: [], rawChanges: [] };
    return this.run(reducer, new Uint8Array(0), options);
  }

  /**
   * Calls a reducer by name (canonical, e.g. `add_item`, or as exported in the source).
   *
   * @param args the reducer's arguments by parameter name (an array is taken positionally),
   *   as the `spacetimedb` library's types represent them (`bigint` for 64-bit integers,
   *   `undefined` for an empty option, `{ tag, value }` for sum types, `Identity`, ...). They
   *   are BSATN-encoded with the library, as a client's call would be.
   */
  call(
    reducer: string,
    args: Readonly<Record<string, unknown>> | readonly unknown[] = {},
    options: CallOptions,
  ): CallResult {
    const { schema } = this.loaded;
    const r = schema.reducersByName.get(reducer);
    if (!r) {
      const known = schema.reducers.map((x) => x.info.name).join(', ');
      throw new Error(`no reducer named ${JSON.stringify(reducer)}; the module has: ${known}`);
    }
    if (r.info.lifecycle)
      throw new Error(`${reducer} is a lifecycle reducer; use init(), connect() or disconnect()`);
    return this.run(r, this.encodeArgs(r, args), options);
  }

  /** Calls a reducer with arguments already BSATN-encoded, as a client's `CallReducer` carries them. */
  callEncoded(reducer: ReducerSchema, args: Uint8Array, options: CallOptions): CallResult {
    return this.run(reducer, args, options);
  }

  private encodeArgs(
    r: ReducerSchema,
    args: Readonly<Record<string, unknown>> | readonly unknown[],
  ): Uint8Array {
    const names = r.info.params.map((p) => p.name);
    let obj: Record<string, unknown>;
    if (Array.isArray(args)) {
      if (args.length !== names.length)
        throw new TypeError(`${r.info.name} takes ${names.length} arguments, got ${args.length}`);
      obj = Object.fromEntries(names.map((n, i) => [n, args[i]]));
    } else {
      obj = args as Record<string, unknown>;
      const extra = Object.keys(obj).filter((k) => !names.includes(k));
      if (extra.length)
        throw new TypeError(
          `${r.info.name} has no parameter ${extra.join(', ')}; it takes ${names.join(', ')}`,
        );
      const missing = r.info.params.filter(
        (p) => obj[p.name] === undefined && !p.typeName.startsWith('Option<'),
      );
      if (missing.length)
        throw new TypeError(`${r.info.name}: missing ${missing.map((p) => p.name).join(', ')}`);
    }
    let encode = this.argEncoders.get(r);
    if (!encode) {
      const serialize = AlgebraicType.makeSerializer(r.params, this.loaded.schema.typespace);
      encode = (value) => {
        const w = new BinaryWriter(64);
        serialize(w, value);
        return w.getBuffer();
      };
      this.argEncoders.set(r, encode);
    }
    return encode(obj);
  }

  private run(r: ReducerSchema, args: Uint8Array, options: CallOptions): CallResult {
    const { store, hooks } = this.loaded;
    const sender = toIdentity(options.sender);
    const timestamp = toMicros(options.timestamp);
    const connectionId =
      options.connectionId === null ? 0n : (options.connectionId ?? defaultConnectionId(sender));
    if (options.jwtPayload !== undefined && connectionId !== 0n) {
      const p = options.jwtPayload;
      this.jwt.set(connectionId, typeof p === 'string' ? p : JSON.stringify(p));
    }
    if (args.length > this.argsBuffer.byteLength) {
      this.argsBuffer = new this.realm.ArrayBuffer(args.length * 2);
    }
    new Uint8Array(this.argsBuffer).set(args);
    const view = new this.realm.DataView(this.argsBuffer, 0, args.length);

    this.running = r.info.name;
    store.begin();
    let thrown: unknown;
    let failed = false;
    try {
      const ret = hooks.__call_reducer__(r.info.id, sender, connectionId, timestamp, view);
      if (ret !== undefined) throw new TypeError('Reducer returned a value other than `undefined`');
    } catch (e) {
      failed = true;
      thrown = e;
    } finally {
      this.syscalls.closeIterators();
      this.running = undefined;
    }
    if (!failed) {
      const raw = store.commit();
      let decoded: TableChange[] | undefined;
      const decode = () => (decoded ??= raw.map((c) => this.decodeChange(c)));
      return {
        ok: true,
        rawChanges: raw,
        get changes() {
          return decode();
        },
      };
    }
    store.rollback();
    const senderError = thrown instanceof hooks.__sender_error_class__;
    const name = errorName(thrown);
    const message = errorMessage(thrown);
    return {
      ok: false,
      error: senderError ? message : `${name}: ${message}`,
      senderError,
      errorName: name,
      detail: hostDetail(thrown),
      thrown,
    };
  }

  private table(name: string): TableSchema {
    const t = this.loaded.schema.tablesByName.get(name);
    if (!t) {
      const known = this.loaded.schema.tables.map((x) => x.info.name).join(', ');
      throw new Error(`no table named ${JSON.stringify(name)}; the module has: ${known}`);
    }
    return t;
  }

  private decoder(t: TableSchema): (bytes: Uint8Array) => Record<string, unknown> {
    let d = this.rowDecoders.get(t);
    if (!d) {
      const deserialize = AlgebraicType.makeDeserializer(t.rowType, this.loaded.schema.typespace);
      d = (bytes) => deserialize(new BinaryReader(bytes)) as Record<string, unknown>;
      this.rowDecoders.set(t, d);
    }
    return d;
  }

  private decodeChange(c: RawTableChange): TableChange {
    const decode = this.decoder(c.table);
    return {
      table: c.table.info.name,
      inserted: c.inserted.map(decode),
      deleted: c.deleted.map(decode),
    };
  }

  /**
   * Every row of a table (by canonical or accessor name), decoded with the `spacetimedb`
   * library, in scan order (insertion order; an updated row moves to the end).
   */
  rows<Row = Record<string, unknown>>(table: string): Row[] {
    const t = this.table(table);
    const decode = this.decoder(t);
    return this.loaded.store.snapshot(t).map((b) => decode(b) as Row);
  }

  /** The number of rows in a table. */
  count(table: string): number {
    return this.loaded.store.snapshot(this.table(table)).length;
  }

  /** A table's rows as the BSATN bytes stored, for byte-exact comparisons. */
  rawRows(table: string): Uint8Array[] {
    return this.loaded.store.snapshot(this.table(table)).map((b) => b.slice());
  }
}

function hostDetail(e: unknown): string | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const d = (e as Record<symbol, unknown>)[HOST_DETAIL];
  return typeof d === 'string' ? d : undefined;
}

function errorName(e: unknown): string {
  if (e !== null && typeof e === 'object' && 'name' in e && typeof e.name === 'string')
    return e.name;
  return typeof e;
}

function errorMessage(e: unknown): string {
  if (e !== null && typeof e === 'object' && 'message' in e) return String(e.message);
  return String(e);
}
