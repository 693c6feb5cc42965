/**
 * The test server in a process of its own (`dist/cli.js`), for tests that block their own
 * event loop while a child runs (`spawnSync`), which would freeze a server in the same process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A test server running in its own process. */
export interface ServerProcess {
  readonly url: string;
  readonly owner: { readonly identity: string; readonly token: string };
  close(): Promise<void>;
}

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Starts `spacetime-test-server --module <module>` (the package must be built). */
export function spawnTestServer(options: {
  module: string;
  database?: string;
}): Promise<ServerProcess> {
  const args = [CLI, '--port', '0', '--module', options.module];
  if (options.database) args.push('--database', options.database);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`the test server exited (${code}): ${err}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const [first, second] = out.split('\n');
      const listening = /^listening on (\S+) database \S+$/.exec(first ?? '');
      const owner = /^owner (\S+) token (\S+)$/.exec(second ?? '');
      if (!listening || !owner) return;
      resolve({
        url: listening[1]!,
        owner: { identity: owner[1]!, token: owner[2]! },
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
