import type { Space } from '@spaces/client';

// Row types derived from the client's API, so the CLI depends on @spaces/client alone.
declare const _space: Space;

/** A table name. */
export type TableName = Parameters<Space['rows']>[0];
/** A row of a table, by table name. */
export type RowOf<K extends TableName> = Awaited<ReturnType<typeof _space.rows<K>>>[number];
/** A user row. */
export type User = RowOf<'users'>;
/** A channel row. */
export type Channel = RowOf<'channels'>;
/** A message row. */
export type Message = RowOf<'messages'>;
