import { createHash } from 'node:crypto';
import { NAME_MAX, NONCE_MAX } from '@spaces/client';

// Core's limits, through the client; `agentName.test.ts` checks names against core's own
// `set_profile` rule (letters, digits, `_ . -`, starting with a letter or digit).
export { NAME_MAX, NONCE_MAX };

const shortHash = (text: string, length = 6): string =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/** Lower case, anything outside `[a-z0-9_.-]` becomes `-`, runs of separators collapse. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/[-_.]{2,}/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
}

/**
 * The name of the agent that posts for this machine and project, `claude-<project>-<host>`,
 * within core's name rules. A name that would be longer than 32 characters keeps the start of
 * both parts and ends in a short hash of the full name, so two long names stay apart.
 */
export function agentName(project: string, host: string): string {
  const p = slug(project) || 'project';
  // The first label is the machine's name; the rest of an FQDN is the same for a whole office.
  const h = slug(host.split('.')[0] ?? '') || 'host';
  const full = `claude-${p}-${h}`;
  if (full.length <= NAME_MAX) return full;
  const hash = shortHash(full);
  const room = NAME_MAX - 'claude-'.length - hash.length - 2;
  const hostPart = h.slice(0, Math.min(h.length, 8));
  const projectPart = p.slice(0, room - hostPart.length).replace(/[-_.]+$/, '');
  return `claude-${projectPart}-${hostPart.replace(/[-_.]+$/, '')}-${hash}`;
}

/** A fallback name when another identity already holds {@link agentName}'s: its start plus ours. */
export function agentNameFor(name: string, identity: string): string {
  const suffix = identity.slice(0, 6);
  return `${name.slice(0, NAME_MAX - suffix.length - 1).replace(/[-_.]+$/, '')}-${suffix}`;
}

/**
 * The nonce of a session's summary message. Core makes a second send with the same sender and
 * nonce a no-op, so two first Stops of one session racing each other still post one message;
 * it is also how the message is found again. Over-long ids are hashed to fit core's limit.
 */
export function sessionNonce(sessionId: string): string {
  const nonce = `session:${sessionId}`;
  return nonce.length <= NONCE_MAX ? nonce : `session:#${shortHash(sessionId, 40)}`;
}

/** A file name for a session id: the id itself when it is tame (UUIDs are), else its hash. */
export function sessionFileName(sessionId: string): string {
  return /^[A-Za-z0-9_-]{1,100}$/.test(sessionId) ? sessionId : shortHash(sessionId, 40);
}
