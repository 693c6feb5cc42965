import type { ErrorCode } from '@spaces/client';
import type { FailureClass } from './exitCodes.js';

/**
 * An error found by the CLI itself (before or around a reducer call), shaped like the core's
 * SpacesError (`code` + `class`) so both are reported and mapped to exit statuses the same way.
 * Its code is one of core's codes (the one table); its class is given, as core's table says,
 * because the table itself is loaded only with the client.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly class_: FailureClass,
  ) {
    super(message);
  }

  /** The failure class, as on the core's SpacesError. */
  get class(): FailureClass {
    return this.class_;
  }
}

/** Shorthand for a usage error: `invalid_argument` with a message naming what was wrong. */
export function usage(message: string): CliError {
  return new CliError('invalid_argument', message, 'usage');
}

/** Shorthand for a not-found error. */
export function notFound(message: string): CliError {
  return new CliError('not_found', message, 'not_found');
}
