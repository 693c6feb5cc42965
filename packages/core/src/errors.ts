/**
 * Every way a call can be rejected: a stable string code and the class of failure adapters map
 * to exit statuses, SenderErrors or HTTP statuses.
 */
export const ERROR_CODES = {
  invalid_argument: 'usage',
  /** An id, count or timestamp outside what every engine can store (see `ID_MAX`, `TIMESTAMP_MAX`). */
  out_of_range: 'usage',
  too_long: 'usage',
  empty: 'usage',
  /** Not well-formed Unicode (a lone surrogate), or a control character in a one-line field. */
  invalid_text: 'usage',
  /** A user or channel name outside its alphabet, or a channel name of digits only. */
  invalid_name: 'usage',
  /** A reaction that is neither one emoji nor a `:short_code:`. */
  invalid_emoji: 'usage',
  invalid_payload: 'usage',
  /** JSON nested deeper than `PAYLOAD_DEPTH_MAX`. */
  too_deep: 'usage',
  not_registered: 'permission',
  permission_denied: 'permission',
  rank_too_low: 'permission',
  banned: 'permission',
  timed_out: 'permission',
  not_a_member: 'permission',
  not_found: 'not_found',
  name_taken: 'conflict',
  already_exists: 'conflict',
  already_initialized: 'conflict',
  wrong_channel_type: 'conflict',
  invite_expired: 'conflict',
  invite_used_up: 'conflict',
  limit_reached: 'conflict',
  owner_only_transferred: 'permission',
  // Raised by adapters, never by a reducer: the store or host, and what the CLI checks itself.
  /** No embedded store in the folder named (create one with `spaces init`). */
  no_store: 'not_found',
  /** A SpacetimeDB host that could not be reached, or did not answer in time. */
  connection: 'connection',
  /** The store's folder or files cannot be written (read-only folder or file). */
  store_read_only: 'connection',
  /** Another process held the store's write lock past the busy timeout. */
  store_busy: 'connection',
  /** The disk (or the process's file-size limit) is full. */
  store_full: 'connection',
  /** The store could not be opened or read: not a folder, not a database, an I/O error. */
  store_unavailable: 'connection',
  /** A local profile file that cannot be read or holds no valid secret. */
  bad_profile: 'connection',
  /** Replaying the log does not reproduce the tables. */
  log_mismatch: 'internal',
  internal: 'internal',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorClass = (typeof ERROR_CODES)[ErrorCode];

/** A rejected call: the code is for programs, the message for people. */
export class SpacesError extends Error {
  override readonly name = 'SpacesError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** The class of failure (usage, permission, not_found, conflict, connection, internal). */
  get class(): ErrorClass {
    return ERROR_CODES[this.code];
  }
}

/** Rejects the current call. */
export function reject(code: ErrorCode, message: string): never {
  throw new SpacesError(code, message);
}

/** True for a string that is one of our error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** The `code: message` form used across engines (SpacetimeDB carries only a string). */
export function formatError(error: SpacesError): string {
  return `${error.code}: ${error.message}`;
}

/** Reads back a `code: message` string produced by {@link formatError}. */
export function parseError(text: string): SpacesError {
  const match = /^([a-z_]+): ([\s\S]*)$/.exec(text);
  if (match && isErrorCode(match[1]!)) return new SpacesError(match[1], match[2]!);
  return new SpacesError('internal', text);
}
