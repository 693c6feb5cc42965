import { homedir, platform } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value;

/**
 * The Spaces home folder: `$SPACES_HOME`, else the client's `defaultHome` (XDG data dir on
 * Linux, Application Support on macOS, APPDATA on Windows). Written out here rather than
 * imported, because the runner needs it to log a failure without loading the client; a test
 * checks it against the client's.
 */
export function spacesHome(env: Env, os: string = platform(), home?: string): string {
  const explicit = nonEmpty(env['SPACES_HOME']);
  if (explicit !== undefined) return explicit;
  const user = home ?? env['HOME'] ?? homedir();
  if (os === 'darwin') return join(user, 'Library', 'Application Support', 'spaces');
  if (os === 'win32') return join(env['APPDATA'] ?? join(user, 'AppData', 'Roaming'), 'spaces');
  return join(nonEmpty(env['XDG_DATA_HOME']) ?? join(user, '.local', 'share'), 'spaces');
}
