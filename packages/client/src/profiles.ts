import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { NAME_MAX, NAME_PATTERN, SpacesError } from '@spaces/core';
import { makeFolder, statOf } from './folders.js';
import { StoreError, storeFailure } from './storeError.js';

/** A local identity: a name, and the identity derived from its secret. */
export interface Profile {
  name: string;
  /** sha256(secret), 64 lowercase hex: the `sender` of this profile's calls. */
  identity: string;
}

/** A profile file that could not be read, named with what is wrong with it. */
export interface BrokenProfile {
  name: string;
  identity?: undefined;
  /** What is wrong, naming the file. */
  problem: string;
}

function dirOf(home: string): string {
  return join(home, 'profiles');
}

function fileOf(home: string, name: string): string {
  checkName(name);
  return join(dirOf(home), `${name}.json`);
}

/** Profile names follow user names: core's alphabet and length (a profile registers under it). */
function checkName(name: string): void {
  if (name.length > NAME_MAX || !NAME_PATTERN.test(name)) {
    throw new SpacesError(
      'invalid_argument',
      `profile name "${name}" must be 1-${NAME_MAX} letters, digits, "_", "." or "-", starting with a letter or digit`,
    );
  }
}

/** The identity a secret stands for. */
export function identityOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The names of the profile files in a home folder ([] when there is no folder). */
function profileNames(home: string): string[] {
  try {
    return readdirSync(dirOf(home))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw storeFailure(error, dirOf(home));
  }
}

/**
 * Every profile in the home folder, by name. A file that cannot be read is listed with its
 * problem instead of breaking the list: one bad file must not hide everyone else's profiles.
 */
export function listProfiles(home: string): Array<Profile | BrokenProfile> {
  return profileNames(home)
    .map((name): Profile | BrokenProfile => {
      try {
        return loadProfile(home, name);
      } catch (error) {
        return { name, problem: error instanceof Error ? error.message : String(error) };
      }
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Creates a profile with a fresh random secret, readable only by its owner. Names are unique
 * ignoring case, as user names are (and as a case-insensitive file system would force).
 */
export function addProfile(home: string, name: string): Profile {
  const path = fileOf(home, name);
  const twin = profileNames(home).find((other) => other.toLowerCase() === name.toLowerCase());
  if (twin !== undefined) {
    throw new SpacesError(
      'already_exists',
      twin === name
        ? `a profile named "${name}" already exists`
        : `a profile named "${twin}" already exists (profile names are unique ignoring case)`,
    );
  }
  makeFolder(dirOf(home));
  const secret = randomBytes(32).toString('hex');
  // Written whole to a private temporary file, then linked into place: a reader never sees a
  // half-written profile, and `link` fails if the name exists, so two processes creating the
  // same profile cannot race.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify({ name, secret }) + '\n', { flag: 'wx', mode: 0o600 });
    chmodSync(temporary, 0o600); // the umask may have narrowed it further, never widened; be exact
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SpacesError('already_exists', `a profile named "${name}" already exists`);
    }
    throw storeFailure(error, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  return { name, identity: identityOf(secret) };
}

/**
 * Deletes a profile's secret (its identity is gone for good); the default choice is cleared if
 * it named this profile. Rejects with not_found if there is no such profile.
 */
export function removeProfile(home: string, name: string): void {
  const path = fileOf(home, name);
  if (!statOf(path)) throw notFound(name);
  try {
    rmSync(path);
  } catch (error) {
    throw storeFailure(error, path);
  }
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
  const path = join(dirOf(home), 'current');
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Renamed into place, so a reader sees the old choice or the new one, never an empty file.
    writeFileSync(temporary, name + '\n', { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw storeFailure(error, path);
  }
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

function notFound(name: string): SpacesError {
  return new SpacesError(
    'not_found',
    `no profile named "${name}" (create it with: spaces profiles add ${name})`,
  );
}

/**
 * Loads a profile; rejects with not_found if it does not exist, naming it, and with
 * `bad_profile` naming the file if it is not a private regular file holding a valid secret.
 */
export function loadProfile(home: string, name: string): Profile {
  const path = fileOf(home, name);
  const bad = (why: string) => new StoreError('bad_profile', `profile file ${path} ${why}`, path);
  let text: string;
  try {
    const stats = statOf(path);
    if (!stats) throw notFound(name);
    // Checked before reading: reading a FIFO or a device could block forever.
    if (!stats.isFile()) throw bad('is not a regular file');
    if (process.platform !== 'win32' && (stats.mode & 0o077) !== 0) {
      throw new SpacesError(
        'permission_denied',
        `profile file ${path} is readable by others: run chmod 600 on it`,
      );
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw error instanceof SpacesError ? error : bad(`cannot be read (${codeOf(error)})`);
  }
  let secret: unknown;
  try {
    secret = (JSON.parse(text) as { secret?: unknown } | null)?.secret;
  } catch {
    throw bad('is not valid JSON');
  }
  if (typeof secret !== 'string' || secret.length < 32) throw bad('holds no valid secret');
  return { name, identity: identityOf(secret) };
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : String(error);
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
    .slice(0, NAME_MAX);
  return cleaned || 'me';
}
