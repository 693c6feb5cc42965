import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The stored form of a secret (webhook token, invite code): hex SHA-256. Pure JavaScript, so it
 * runs inside SpacetimeDB as it does here. The secret itself is never stored.
 */
export function hashSecret(secret: string): string {
  return bytesToHex(sha256(utf8ToBytes(secret)));
}

/** True for a string shaped like {@link hashSecret}'s output. */
export function isSecretHash(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/**
 * Compares two hashes in time that does not depend on where they differ, so a caller cannot learn
 * a stored hash a character at a time.
 */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
