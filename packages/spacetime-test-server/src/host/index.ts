/**
 * A test host for SpacetimeDB TypeScript modules: runs a module bundle in Node against an
 * in-memory implementation of the `spacetime:sys@2.0`/`@2.1` host interface. See README.md.
 */
export { buildModuleBundle, type BuildOptions } from './bundle.js';
export {
  loadModule,
  TestHost,
  type CallFailed,
  type CallOptions,
  type CallResult,
  type CallSucceeded,
  type HostOptions,
  type IdentityLike,
  type LogRecord,
  type ScheduledCall,
  type TableChange,
  type TimestampLike,
  type ViewResult,
} from './host.js';
export type {
  ColumnInfo,
  IndexInfo,
  LifecycleKind,
  ModuleDescription,
  ReducerInfo,
  SequenceInfo,
  TableInfo,
  IndexSchema,
  ModuleSchema,
  TableSchema,
  ViewSchema,
} from './schema.js';
export type { RawTableChange, Store } from './store.js';
export { bytesKey } from './bsatn.js';
export type { LogLevel } from './syscalls.js';
