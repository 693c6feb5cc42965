import type { ErrorClass } from '@spaces/client';

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
} as const;

/** A failure class the CLI reports: the core's error classes. */
export type FailureClass = ErrorClass;

/** The exit-status table as `spaces --help` prints it. */
export const EXIT_HELP = `Exit statuses:
  0  success
  1  internal error (a bug: please report it)
  2  usage: bad flags or arguments, a number out of range, text empty, too long or malformed
  3  permission: refused by role, rank, ban, timeout or channel privacy; or no profile yet
  4  not found: no such channel, user, message, topic, invite, webhook or profile; no store
  5  conflict: name taken, already exists, already initialised, wrong channel type, limits
  6  connection: the host or the store failed (unreachable, read-only, locked, disk full,
     not a folder, a bad profile file); the message names the path
  130 interrupted by Ctrl-C (subscribe ends with 0)`;
