/**
 * Exit statuses, one per class of failure, so scripts can tell a typo from a refusal from an
 * unreachable host without parsing stderr.
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  permission: 3,
  not_found: 4,
  conflict: 5,
  connection: 6,
  interrupted: 130,
} as const;

/** A failure class the CLI reports: the core's classes plus `connection`. */
export type FailureClass =
  'usage' | 'permission' | 'not_found' | 'conflict' | 'connection' | 'internal';

/** The exit-status table as `spaces --help` prints it. */
export const EXIT_HELP = `Exit statuses:
  0  success
  1  internal error (a bug: please report it)
  2  usage: bad flags, bad or missing arguments, text empty or too long
  3  permission: refused by role, rank, ban, timeout or channel privacy; or no profile yet
  4  not found: no such channel, user, message, topic, invite, webhook or profile
  5  conflict: name taken, already exists, already initialised, wrong channel type, limits
  6  connection: the store or host could not be reached or opened
  130 interrupted (Ctrl-C)`;
