/**
 * @spaces/spacetime-test-server: test code, never product. Runs a SpacetimeDB TypeScript module
 * bundle against an in-memory host (`host/`), and serves SpacetimeDB's client protocol in front
 * of it (`server.ts`), with subscriptions, row-level security and views. See README.md.
 */
export * from './host/index.js';
export { Database, type Client, type DatabaseOptions } from './database.js';
export { TestServer, type ServerOptions } from './server.js';
export { Tokens, TokenError, identityOf } from './tokens.js';
export { startTestServer, type RunningServer, type StartOptions } from './start.js';
export { SqlError } from './sql/parse.js';
export { spawnTestServer, type ServerProcess } from './spawn.js';
