import type { ErrorCode } from '@spaces/core';
import { SpacesError } from '@spaces/core';

/**
 * A store that could not be opened, read or written: it names the path and says why. Its code
 * (`store_read_only`, `store_busy`, `store_full`, `store_unavailable`, `bad_profile`, `no_store`)
 * has class `connection` (or `not_found` for `no_store`), so the CLI exits 6 (or 4), never 1.
 */
export class StoreError extends SpacesError {
  constructor(
    code: ErrorCode,
    message: string,
    /** The file or folder that failed. */
    readonly path: string,
  ) {
    super(code, message);
  }
}

/**
 * The SQLite result codes (extended ones start with the primary code) and errno codes that mean
 * the store itself failed, by the failure they mean. Other SQLite codes (SQLITE_ERROR,
 * SQLITE_CONSTRAINT, SQLITE_MISUSE…) are our bugs, and are left to look like bugs.
 */
const KINDS: ReadonlyArray<[RegExp, ErrorCode, string]> = [
  [/^SQLITE_(BUSY|LOCKED)/, 'store_busy', 'is locked by another process; try again'],
  [/^(SQLITE_(READONLY|PERM|AUTH)|EROFS$|EACCES$|EPERM$)/, 'store_read_only', 'cannot be written'],
  [/^(SQLITE_FULL|ENOSPC$|EFBIG$|EDQUOT$)/, 'store_full', 'has no room left (disk full)'],
  [
    /^(SQLITE_(IOERR|CANTOPEN|NOTADB|CORRUPT|PROTOCOL|NOLFS)|E[A-Z]+$)/,
    'store_unavailable',
    'cannot be used',
  ],
];

/**
 * What a failure of the store at `path` means for the user: a SpacesError as it is (a refusal),
 * an SQLite or file-system error as a {@link StoreError} naming the path. Anything else is
 * returned unchanged: it is a bug, and should look like one.
 */
export function storeFailure(error: unknown, path: string): unknown {
  if (error instanceof SpacesError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  for (const [pattern, kind, what] of KINDS) {
    if (pattern.test(code)) {
      // An errno error's message repeats the code and path; SQLite's says what happened.
      const detail =
        code.startsWith('SQLITE_') && error instanceof Error ? `${code}: ${error.message}` : code;
      return new StoreError(kind, `the Spaces store ${path} ${what} (${detail})`, path);
    }
  }
  return error;
}
