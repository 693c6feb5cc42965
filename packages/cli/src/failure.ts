import type { FailureClass } from './exitCodes.js';
import { EXIT } from './exitCodes.js';
import { inert } from './inert.js';

/** What the CLI prints and returns for a failed command. */
export interface Failure {
  class: FailureClass;
  code: string;
  message: string;
  exitCode: number;
}

const CLASSES: readonly string[] = [
  'usage',
  'permission',
  'not_found',
  'conflict',
  'connection',
  'internal',
] satisfies FailureClass[];

// Socket errors and file-system errno codes: the host or the store could not be reached or used.
// (The client names store failures itself, as StoreError; these are what reaches us raw, such as
// a hooks settings file that cannot be written.)
// (Node's own ERR_… codes are not among them: those are bugs.)
const CONNECTION_CODE =
  /^(E[A-Z]+$|UND_ERR_CONNECT_TIMEOUT$|UND_ERR_SOCKET$|SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN|NOTADB|CORRUPT|PERM))/;

/**
 * Classifies anything thrown by its class, never by its message: the core's SpacesError (the
 * client's StoreError and ConnectionError among them) and our CliError carry `class`; a raw
 * socket, file-system or SQLite error (also when wrapped as `cause`) is a connection failure;
 * anything else is internal, a bug.
 */
export function failureOf(error: unknown): Failure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    class?: unknown;
    message?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'string' ? e.code : 'internal';
  if (typeof e.class === 'string' && CLASSES.includes(e.class)) {
    return make(e.class as FailureClass, code, message);
  }
  if (isConnection(error))
    return make('connection', code === 'internal' ? 'connection' : code, message);
  return make('internal', code, message);
}

function isConnection(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && CONNECTION_CODE.test(code)) return true;
  return isConnection(cause, depth + 1);
}

function make(klass: FailureClass, code: string, message: string): Failure {
  return { class: klass, code, message, exitCode: EXIT[klass] };
}

/**
 * The one stderr line for a failure: `error: <message> [<code>]`. Messages quote what was sent,
 * so they are made inert: a hostile name cannot print an escape sequence or a second line.
 */
export function failureLine(failure: Failure): string {
  return `error: ${inert(failure.message.replace(/\s*\n\s*/g, ' '))} [${inert(failure.code)}]`;
}
