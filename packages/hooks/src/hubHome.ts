import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveOptions, storePath } from '@spaces/client';
import { HOOK_ERROR_CODES, HookError } from './errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the hooks' hub is, and whether the hooks may keep files beside it. */
export interface HubHome {
  engine: 'embedded' | 'spacetimedb';
  /** The Spaces home folder (`SPACES_HOME`, else the client's default). */
  home: string;
  /**
   * Whether a hub is there for the hooks to keep files beside: the embedded store file exists
   * (a regular file: a FIFO or a device there would block whoever opens it), or, on
   * SpacetimeDB, the home folder already exists. Only then do the hooks write `hooks.log`, the
   * outbox and session files; they never create the home folder.
   */
  hub: boolean;
}

/** The home folder as the client resolves it, also when the engine is SpacetimeDB. */
export function homeOf(env: Env): string {
  const embedded = resolveOptions({}, { ...env, SPACETIMEDB_HOST: undefined });
  return embedded.engine === 'embedded' ? embedded.home : '';
}

async function isKind(path: string, kind: 'file' | 'directory'): Promise<boolean> {
  try {
    const s = await stat(path);
    return kind === 'file' ? s.isFile() : s.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Looks, without touching anything, for the hub the hooks serve. Every check is an async
 * `stat`: it cannot block the event loop, and it creates nothing, so a home under `/proc` or
 * a folder that does not exist is answered "no hub" at once.
 */
export async function locateHub(env: Env): Promise<HubHome> {
  const target = resolveOptions({}, env);
  if (target.engine === 'embedded') {
    return {
      engine: 'embedded',
      home: target.home,
      hub: await isKind(storePath(target.home), 'file'),
    };
  }
  const home = homeOf(env);
  return { engine: 'spacetimedb', home, hub: home !== '' && (await isKind(home, 'directory')) };
}

/**
 * `<home>/hooks/<name>`, created one level at a time (never `mkdir -p`, which Node turns into an
 * endless loop on some paths such as those under `/proc`) and only when there is a hub.
 * Undefined without a hub.
 */
export async function hooksDir(place: HubHome, name: string): Promise<string | undefined> {
  if (!place.hub) return undefined;
  const hooks = join(place.home, 'hooks');
  const dir = join(hooks, name);
  for (const path of [hooks, dir]) {
    try {
      await mkdir(path, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
  }
  return (await isKind(dir, 'directory')) ? dir : undefined;
}

/** The failure of a hook with no embedded store: how to make one. The hooks never do. */
export function noHubError(place: HubHome): HookError {
  return new HookError(
    HOOK_ERROR_CODES.noHub,
    `no Spaces store in ${place.home}: run \`spaces init\` first (or point SPACES_HOME at one)`,
  );
}
