import type { FailureClass } from './exitCodes.js';
import { EXIT } from './exitCodes.js';

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
];

// Node's socket errors, and SQLite's "cannot open": the store or host was not reachable.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'SQLITE_CANTOPEN',
  'SQLITE_NOTADB',
  'connection',
]);

/**
 * Classifies anything thrown: the core's SpacesError, the client's ConnectionError (an
 * unreachable or silent SpacetimeDB host, `class: 'connection'`) and our CliError by their
 * `class`; socket
 * and store-opening errors (also when wrapped as `cause`) as connection failures; the rest internal.
 */
export function failureOf(error: unknown): Failure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    class?: unknown;
    message?: unknown;
    cause?: unknown;
    name?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'string' ? e.code : 'internal';
  if (typeof e.class === 'string' && CLASSES.includes(e.class)) {
    return make(e.class as FailureClass, code, message);
  }
  if (isConnection(error))
    return make('connection', code === 'internal' ? 'connection' : code, message);
  // A TypeError from option resolution (e.g. a malformed --host) is the user's input, not a bug.
  if (e.name === 'TypeError' && /^(host|database|token|home)\b/.test(message)) {
    return make('usage', 'invalid_argument', message);
  }
  return make('internal', code, message);
}

function isConnection(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return isConnection(cause, depth + 1);
}

function make(klass: FailureClass, code: string, message: string): Failure {
  return { class: klass, code, message, exitCode: EXIT[klass] };
}

/** The one stderr line for a failure: `error: <message> [<code>]`. */
export function failureLine(failure: Failure): string {
  return `error: ${failure.message.replace(/\s*\n\s*/g, ' ')} [${failure.code}]`;
}
