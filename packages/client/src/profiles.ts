import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { SpacesError } from '@spaces/core';

/** A local identity: a name, and the identity derived from its secret. */
export interface Profile {
  name: string;
  /** sha256(secret), 64 lowercase hex: the `sender` of this profile's calls. */
  identity: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

function dirOf(home: string): string {
  return join(home, 'profiles');
}

function fileOf(home: string, name: string): string {
  checkName(name);
  return join(dirOf(home), `${name}.json`);
}

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new SpacesError(
      'invalid_argument',
      `profile name "${name}" must be 1-32 letters, digits, "_", "." or "-", starting with a letter or digit`,
    );
  }
}

/** The identity a secret stands for. */
export function identityOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Every profile in the home folder, by name. */
export function listProfiles(home: string): Profile[] {
  let files: string[];
  try {
    files = readdirSync(dirOf(home));
  } catch {
    return [];
  }
  return files
    .filter((f) => f.endsWith('.json'))
    .map((f) => loadProfile(home, f.slice(0, -5)))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Creates a profile with a fresh random secret, readable only by its owner. */
export function addProfile(home: string, name: string): Profile {
  const path = fileOf(home, name);
  mkdirSync(dirOf(home), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  try {
    // `wx` fails if the file exists, so two processes creating the same profile cannot race.
    writeFileSync(path, JSON.stringify({ name, secret }) + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SpacesError('already_exists', `a profile named "${name}" already exists`);
    }
    throw error;
  }
  chmodSync(path, 0o600); // the umask may have narrowed it further, never widened; be exact
  return { name, identity: identityOf(secret) };
}

/**
 * Deletes a profile's secret (its identity is gone for good); the default choice is cleared if
 * it named this profile. Rejects with not_found if there is no such profile.
 */
export function removeProfile(home: string, name: string): void {
  loadProfile(home, name);
  rmSync(fileOf(home, name));
  const current = join(dirOf(home), 'current');
  try {
    if (readFileSync(current, 'utf8').trim() === name) rmSync(current);
  } catch {
    // no default chosen
  }
}

/** Makes a profile the default for this home. */
export function useProfile(home: string, name: string): Profile {
  const profile = loadProfile(home, name);
  mkdirSync(dirOf(home), { recursive: true, mode: 0o700 });
  writeFileSync(join(dirOf(home), 'current'), name + '\n', { mode: 0o600 });
  return profile;
}

/** The default profile's name: the one chosen with `useProfile`, else the OS user's name. */
export function currentProfile(home: string): string {
  try {
    const name = readFileSync(join(dirOf(home), 'current'), 'utf8').trim();
    if (name) return name;
  } catch {
    // no choice made yet
  }
  return osUserProfileName();
}

/** Loads a profile; rejects with not_found if it does not exist, naming it. */
export function loadProfile(home: string, name: string): Profile {
  const path = fileOf(home, name);
  let text: string;
  try {
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
      throw new SpacesError(
        'permission_denied',
        `profile file ${path} is readable by others: run chmod 600 on it`,
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SpacesError(
        'not_found',
        `no profile named "${name}" (create it with: spaces profiles add ${name})`,
      );
    }
    throw error;
  }
  const secret = (JSON.parse(text) as { secret?: unknown }).secret;
  if (typeof secret !== 'string' || secret.length < 32) {
    throw new SpacesError('internal', `profile file ${path} holds no valid secret`);
  }
  return { name, identity: identityOf(secret) };
}

/**
 * The profile calls are made as: `as` if given (it must exist), else the current one. The OS
 * user's profile is created on first use so a fresh install works without setup.
 */
export function resolveProfile(home: string, as: string | undefined): Profile {
  if (as !== undefined) return loadProfile(home, as);
  const name = currentProfile(home);
  try {
    return loadProfile(home, name);
  } catch (error) {
    if (
      !(error instanceof SpacesError && error.code === 'not_found') ||
      name !== osUserProfileName()
    ) {
      throw error;
    }
    try {
      return addProfile(home, name);
    } catch (again) {
      // Another process created it first: use theirs.
      if (again instanceof SpacesError && again.code === 'already_exists')
        return loadProfile(home, name);
      throw again;
    }
  }
}

function osUserProfileName(): string {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env['USER'] ?? 'me';
  }
  const cleaned = name
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 32);
  return cleaned || 'me';
}
