/**
 * Every way a call can be rejected: a stable string code and the class of failure adapters map
 * to exit statuses, SenderErrors or HTTP statuses.
 */
export const ERROR_CODES = {
  invalid_argument: 'usage',
  too_long: 'usage',
  empty: 'usage',
  invalid_payload: 'usage',
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

  /** The class of failure (usage, permission, not_found, conflict, internal). */
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
