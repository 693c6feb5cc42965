// Where a worker opens its space: an embedded store folder and a profile name, or a SpacetimeDB
// host URL (the test server) and a token.
export function target(where, who) {
  return /^https?:\/\//.test(where)
    ? { host: where, database: 'spaces', token: who }
    : { home: where, as: who };
}
