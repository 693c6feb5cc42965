#!/usr/bin/env node
/**
 * `pnpm spacetime:test-server [--port P] [--module PATH] [--database NAME] [--verbose]`: builds
 * (a module folder) or loads (a bundle file) a SpacetimeDB module, publishes it and serves it
 * until interrupted. Prints `listening on http://127.0.0.1:P database NAME`, then the owner's
 * token (the identity that published the database, as `spacetime publish` would have).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startTestServer } from './start.js';

const USAGE =
  'usage: spacetime-test-server [--port P] [--module PATH] [--database NAME] [--verbose]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        module: { type: 'string' },
        database: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number (0 to 65535); got ${values.port}\n`);
    process.exit(2);
  }
  // Default: this repository's Spaces module, built from its sources.
  const module = values.module ?? fileURLToPath(new URL('../../module', import.meta.url));
  const log = values.verbose ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  const running = await startTestServer({
    module,
    port,
    ...(values.database ? { database: values.database } : {}),
    ...(log ? { log } : {}),
  });
  process.stdout.write(`listening on ${running.url} database ${running.database.name}\n`);
  process.stdout.write(
    `owner ${running.owner.identity.toHexString()} token ${running.owner.token}\n`,
  );
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`spacetime-test-server: ${(e as Error).message ?? String(e)}\n`);
  process.exit(1);
});
