/**
 * Starting a whole test server in one call: build or read the module bundle, publish it under
 * a fresh owner identity, listen. What `pnpm spacetime:test-server` and the tests use.
 */
import { statSync } from 'node:fs';
import type { Identity } from 'spacetimedb';
import { buildModuleBundle } from './host/bundle.js';
import { Database } from './database.js';
import { TestServer } from './server.js';
import { Tokens } from './tokens.js';

export interface StartOptions {
  /** A module folder (built as `spacetime build` builds it) or a built bundle file. */
  readonly module: string;
  /** Database name clients connect to (default `spaces`). */
  readonly database?: string;
  /** Port; 0 (the default) picks a free one. */
  readonly port?: number;
  readonly log?: (line: string) => void;
}

/** A started server, and the owner who published its database. */
export interface RunningServer {
  readonly url: string;
  readonly database: Database;
  readonly server: TestServer;
  readonly tokens: Tokens;
  /** The publisher: `init` ran as them, and they see every row (no row-level security). */
  readonly owner: { readonly identity: Identity; readonly token: string };
  close(): Promise<void>;
}

/** Builds (a folder) or reads (a file) the module, publishes it and starts serving. */
export async function startTestServer(options: StartOptions): Promise<RunningServer> {
  const bundle = statSync(options.module).isDirectory()
    ? await buildModuleBundle(options.module)
    : options.module;
  const tokens = await Tokens.create();
  const owner = await tokens.issue();
  const database = await Database.publish(bundle, {
    name: options.database ?? 'spaces',
    owner: owner.identity,
  });
  const server = await TestServer.start({
    database,
    tokens,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { url: server.url, database, server, tokens, owner, close: () => server.close() };
}
