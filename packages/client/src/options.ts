import { readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { SpacesError } from '@spaces/core';
import { parse as parseToml } from 'smol-toml';
import type { OpenOptions } from './api.js';

/** Where the embedded engine keeps its store and profiles. */
export interface EmbeddedTarget {
  engine: 'embedded';
  home: string;
  as: string | undefined;
  /** Create the store when it is missing (see `OpenOptions.create`). */
  create: boolean;
  /** fsync every commit (see `OpenOptions.fullSync`). */
  fullSync?: boolean;
}

/** Which SpacetimeDB database to reach, and with what token. */
export interface SpacetimeTarget {
  engine: 'spacetimedb';
  host: string;
  database: string;
  token: string | undefined;
}

/** Options with every default filled in: exactly one engine is chosen. */
export type ResolvedOptions = EmbeddedTarget | SpacetimeTarget;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Fills in what the caller left out from the environment: `SPACETIMEDB_HOST` (when set, or when
 * `host` is given, the SpacetimeDB engine is used), `SPACETIMEDB_DATABASE` (default `spaces`),
 * `SPACETIMEDB_TOKEN` (else `~/.config/spacetime/cli.toml`), `SPACES_HOME` (else the data dir).
 */
export function resolveOptions(options: OpenOptions = {}, env: Env = process.env): ResolvedOptions {
  // An explicit option beats the environment: `home` alone picks the embedded engine even when
  // SPACETIMEDB_HOST is set, so tests and scripts can pin a local store.
  const host =
    options.host ?? (options.home === undefined ? nonEmpty(env['SPACETIMEDB_HOST']) : undefined);
  if (host !== undefined) {
    if (!/^(https?|wss?):\/\//.test(host)) {
      throw new SpacesError(
        'invalid_argument',
        `host must be an http(s):// or ws(s):// URL; got "${host}"`,
      );
    }
    return {
      engine: 'spacetimedb',
      host,
      database: options.database ?? nonEmpty(env['SPACETIMEDB_DATABASE']) ?? 'spaces',
      token: options.token ?? nonEmpty(env['SPACETIMEDB_TOKEN']) ?? cliToken(env),
    };
  }
  // An empty home would put the store in whatever folder the process happens to run in.
  if (options.home !== undefined && options.home.trim() === '') {
    throw new SpacesError('invalid_argument', 'home must name a folder; got an empty string');
  }
  return {
    engine: 'embedded',
    home: options.home ?? nonEmpty(env['SPACES_HOME']) ?? defaultHome(env),
    as: options.as,
    create: options.create ?? true,
    ...(options.fullSync !== undefined && { fullSync: options.fullSync }),
  };
}

/** The user's data directory for Spaces: XDG on Linux, Application Support on macOS, APPDATA on Windows. */
export function defaultHome(env: Env = process.env, os: string = platform()): string {
  const home = env['HOME'] ?? homedir();
  if (os === 'darwin') return join(home, 'Library', 'Application Support', 'spaces');
  if (os === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'spaces');
  return join(nonEmpty(env['XDG_DATA_HOME']) ?? join(home, '.local', 'share'), 'spaces');
}

/** The token the `spacetime` CLI saved on login (`spacetimedb_token = "..."` in cli.toml), if any. */
export function cliToken(env: Env = process.env): string | undefined {
  const home = env['HOME'] ?? homedir();
  const config = nonEmpty(env['XDG_CONFIG_HOME']) ?? join(home, '.config');
  const path = join(config, 'spacetime', 'cli.toml');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return tokenFromToml(text, path);
}

/**
 * Reads the top-level `spacetimedb_token` string of a cli.toml (a key of the same name inside a
 * section is not it). A file that is not TOML is refused, naming it: going on without the token
 * would silently connect as a new identity.
 */
export function tokenFromToml(text: string, path = 'cli.toml'): string | undefined {
  let config: Record<string, unknown>;
  try {
    config = parseToml(text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new SpacesError(
      'invalid_argument',
      `${path} is not valid TOML (${reason}); fix it, or pass --token or SPACETIMEDB_TOKEN`,
    );
  }
  const token = config['spacetimedb_token'];
  return typeof token === 'string' ? nonEmpty(token) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
