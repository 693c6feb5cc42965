/**
 * @spaces/spacetime-test-server: test code, never product. Runs a SpacetimeDB TypeScript module
 * bundle against an in-memory host (`host/`), and serves SpacetimeDB's client protocol in front
 * of it. See README.md.
 */
export * from './host/index.js';
