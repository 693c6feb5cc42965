import type { FailureClass } from './exitCodes.js';

/**
 * An error found by the CLI itself (before or around a reducer call), shaped like the core's
 * SpacesError (`code` + `class`) so both are reported and mapped to exit statuses the same way.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: string,
    message: string,
    readonly class_: FailureClass = classOfCode(code),
  ) {
    super(message);
  }

  /** The failure class, as on the core's SpacesError. */
  get class(): FailureClass {
    return this.class_;
  }
}

function classOfCode(code: string): FailureClass {
  if (code === 'not_found') return 'not_found';
  if (code === 'permission_denied') return 'permission';
  if (code === 'connection') return 'connection';
  if (code === 'internal') return 'internal';
  if (code === 'already_exists' || code === 'name_taken') return 'conflict';
  return 'usage';
}

/** Shorthand for a usage error: `invalid_argument` with a message naming what was wrong. */
export function usage(message: string): CliError {
  return new CliError('invalid_argument', message, 'usage');
}

/** Shorthand for a not-found error. */
export function notFound(message: string): CliError {
  return new CliError('not_found', message, 'not_found');
}
