import { lstatSync, mkdirSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from './storeError.js';

/** The stats of a path, or undefined when nothing is there. */
export function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Makes a folder and any missing parents, each created alone with mode 0700. Node's recursive
 * `mkdir` loops forever where `mkdir` answers ENOENT for a parent that exists (as in /proc); here
 * every parent is checked to be a folder first, each step is one `mkdir`, and any surprise is a
 * {@link StoreError} naming the path. Folders that already exist are left as they are.
 */
export function makeFolder(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    const stats = statOf(at);
    if (stats) {
      if (!stats.isDirectory()) {
        throw new StoreError('store_unavailable', `${at} is not a folder`, at);
      }
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode: 0o700 });
    } catch (error) {
      // Another process made it first: fine, if it is a folder.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && lstatSync(folder).isDirectory())
        continue;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new StoreError(
        code === 'EACCES' || code === 'EROFS' || code === 'EPERM'
          ? 'store_read_only'
          : 'store_unavailable',
        `cannot create the folder ${folder} (${code})`,
        folder,
      );
    }
  }
}
